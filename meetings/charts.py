"""Bar charts drawn on the server as SVG: no chart script, no outside request, works without JS.

A ``Chart`` holds a series of numbers with their labels and the table that carries the same
numbers in text; ``svg(chart)`` draws it. The SVG is a picture with a name and a description
(``role="img"``, ``<title>`` and ``<desc>`` referred to by ``aria-labelledby`` and
``aria-describedby``); the table beside it is what screen readers and the PDF's text read.

Colours keep WCAG 2.1 contrast on white (1.4.11: bars and axes at least 3:1, text 4.5:1), and
two series differ in lightness as well as in the legend, not in hue alone.
"""

from dataclasses import asdict, dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

DARK = "#1f4e79"  # 8.7:1 on white
LIGHT = "#cfe2f3"  # drawn with a DARK outline, so the bar's edge keeps 8.7:1
TEXT = "#212529"  # 15:1
AXIS = "#6c757d"  # 4.7:1
GRID = "#dee2e6"  # decoration only: the values are written on the bars
# (fill, outline): one series is dark; of two, the first (the plan) is light with a dark edge.
ONE_SERIES = [(DARK, DARK)]
TWO_SERIES = [(LIGHT, DARK), (DARK, DARK)]
FONT = "DejaVu Sans, Arial, sans-serif"

WIDTH = 640
ROW_HEIGHT = 30  # of a horizontal chart, per label
LABEL_CHARACTERS = 34  # a longer label is shortened on the chart; the table has it in full


@dataclass
class Series:
    name: str
    values: list


@dataclass
class Chart:
    """A bar chart and the table of its numbers.

    ``labels`` name the bars (or the groups of bars, one per series); ``columns`` and ``rows`` are
    the table, already written out as text, with the first cell of each row naming it.
    ``maximum`` fixes the scale (100 for rates), else it follows the largest value.
    """

    key: str
    title: str
    description: str
    labels: list
    series: list
    columns: list
    rows: list
    unit: str = ""
    maximum: float | None = None
    horizontal: bool = False
    empty_message: str = ""
    notes: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.labels

    @property
    def svg(self):
        return svg(self)

    def as_data(self):
        """The chart as plain data, to be kept (an adopted report keeps its charts so)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data):
        data = dict(data)
        data["series"] = [Series(**series) for series in data["series"]]
        return cls(**data)


def svg(chart):
    """The chart as an inline ``<svg>`` element (a safe string); its ids follow its key, so a
    page shows each chart once."""
    ident = f"chart-{chart.key}"
    draw = _horizontal if chart.horizontal else _vertical
    height, body = draw(chart)
    legend = _legend(chart.series) if len(chart.series) > 1 else ""
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{TEXT}">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
        f"{legend}{body}</svg>"
    )


def _scale_top(chart):
    """The value at the top of the scale: ``maximum``, else the largest value rounded up to a
    step the gridlines divide evenly."""
    if chart.maximum:
        return chart.maximum
    largest = max((v for series in chart.series for v in series.values if v), default=0)
    step = max(1, -(-largest // 4))  # four gridlines of whole numbers
    return step * 4


def _value_text(value, unit):
    return f"{value}{unit}"


def _vertical(chart):
    """Bars standing on the axis, one group per label, a bar per series in each group."""
    top_margin = 34 if len(chart.series) > 1 else 14
    left, bottom, plot_height = 44, 30, 220
    height = top_margin + plot_height + bottom
    plot_width = WIDTH - left - 10
    top = _scale_top(chart)
    base = top_margin + plot_height

    parts = [_vertical_grid(top, left, top_margin, plot_height, chart.unit)]
    group = plot_width / max(len(chart.labels), 1)
    bar = group * 0.8 / len(chart.series)
    for index, label in enumerate(chart.labels):
        x0 = left + index * group + group * 0.1
        for number, series in enumerate(chart.series):
            value = series.values[index]
            if value is None:
                continue
            fill, stroke = _style(number, len(chart.series))
            bar_height = plot_height * min(value, top) / top
            x = x0 + number * bar
            middle = x + (bar - 2) / 2
            if value:
                parts.append(
                    f'<rect class="bar" x="{x:.1f}" y="{base - bar_height:.1f}" '
                    f'width="{bar - 2:.1f}" height="{bar_height:.1f}" fill="{fill}" '
                    f'stroke="{stroke}" stroke-width="1.5"/>'
                    f'<text class="value" x="{middle:.1f}" y="{base - bar_height - 4:.1f}" '
                    f'text-anchor="middle" font-size="11">'
                    f"{escape(_value_text(value, chart.unit))}</text>"
                )
        parts.append(
            f'<text class="label" x="{left + index * group + group / 2:.1f}" y="{base + 18}" '
            f'text-anchor="middle">{escape(_shortened(label, 10))}</text>'
        )
    parts.append(_line(left, base, WIDTH - 10, base))
    return height, "".join(parts)


def _vertical_grid(top, left, top_margin, plot_height, unit):
    parts = []
    for step in range(5):
        value = top * step / 4
        y = top_margin + plot_height - plot_height * step / 4
        shown = int(value) if value == int(value) else round(value, 1)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{escape(_value_text(shown, unit))}</text>"
        )
    parts.append(_line(left, top_margin, left, top_margin + plot_height))
    return "".join(parts)


def _horizontal(chart):
    """A bar per label, lying along the axis: for long labels such as organizations."""
    top_margin = 34 if len(chart.series) > 1 else 8
    left, right = 250, 60
    rows = len(chart.labels)
    row = ROW_HEIGHT * len(chart.series)
    height = top_margin + rows * row + 10
    plot_width = WIDTH - left - right
    top = _scale_top(chart)
    parts = []
    for index, label in enumerate(chart.labels):
        y0 = top_margin + index * row
        parts.append(
            f'<text class="label" x="{left - 8}" y="{y0 + row / 2 + 4:.1f}" text-anchor="end">'
            f"{escape(_shortened(label, LABEL_CHARACTERS))}</text>"
        )
        for number, series in enumerate(chart.series):
            value = series.values[index]
            if value is None:
                continue
            fill, stroke = _style(number, len(chart.series))
            y = y0 + number * ROW_HEIGHT + 5
            length = plot_width * min(value, top) / top
            if value:
                parts.append(
                    f'<rect class="bar" x="{left}" y="{y}" width="{length:.1f}" '
                    f'height="{ROW_HEIGHT - 10}" fill="{fill}" stroke="{stroke}" '
                    f'stroke-width="1.5"/>'
                )
            parts.append(
                f'<text class="value" x="{left + length + 6:.1f}" y="{y + ROW_HEIGHT / 2}">'
                f"{escape(_value_text(value, chart.unit))}</text>"
            )
    parts.append(_line(left, top_margin, left, height - 10))
    return height, "".join(parts)


def _legend(series_list):
    parts = []
    x = 44
    for number, series in enumerate(series_list):
        fill, stroke = _style(number, len(series_list))
        parts.append(
            f'<rect x="{x}" y="8" width="14" height="14" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="1.5"/><text x="{x + 20}" y="20">{escape(series.name)}</text>'
        )
        x += 40 + 8 * len(series.name)
    return f'<g class="legend">{"".join(parts)}</g>'


def _style(number, count):
    styles = ONE_SERIES if count == 1 else TWO_SERIES
    return styles[number % len(styles)]


def _line(x1, y1, x2, y2):
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{AXIS}" stroke-width="1.5"/>'


def _shortened(text, length):
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
