# Slovenian official documents write dates as "7. 4. 2023": day, month, year, separated by
# a full stop and a space. Django's own Slovenian formats spell the month out instead.
DATE_FORMAT = "j. n. Y"
SHORT_DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y, H.i"
SHORT_DATETIME_FORMAT = "j. n. Y, H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = ["%d. %m. %Y", "%d.%m.%Y", "%d. %m. %y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d. %m. %Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d. %m. %Y %H.%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
