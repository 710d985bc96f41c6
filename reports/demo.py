"""The 2023 report / 2024 plan of the Ptuj council: what ``seed_demo`` loads for reports.

Only the narrative is stored here, as the council wrote it (typing slips included). Every part
that follows from data (subject, introduction, 1.2 Članstvo, 1.3 Seje, 2.1, 2.2 topics) is drafted
from the members and sessions by ``reports.drafting``.
"""

from members.models import Person

from .drafting import draft_parts, report_start
from .models import AnnualReport

BACKGROUND = """\
Varnostni sosvet Mestne občine Ptuj je bil ustanovljen v letu 2003 kot projekt partnerskega \
sodelovanja policijske postaje v okviru svojih pristojnosti sodelujejo z organi lokalnih \
skupnosti na področjih, ki se nanašajo na izboljšanje varnosti v lokalni skupnosti. Podlaga za \
sodelovanje je v 35. členu Zakona o organiziranosti in delu v policiji.

Varnostni sosvet je ustanovljen z namenom, da Mestna občina Ptuj skupaj s Policijsko postajo Ptuj \
preprečuje nastanek različnih negativnih pojavov in s tem zagotovi večjo varnost občanov. \
Varnostni sosvet daje pobude in predloge za reševanje varnostnih problemov. Člani varnostnega \
sosveta aktivno sodelujejo pri delu varnostnega sosveta, dajejo pobude in predloge za reševanje \
varnostnih problemov, izvajajo naloge iz njihove pristojnosti ali so jih prostovoljno sprejeli in \
delajo v korist splošne varnosti. Varnostni sosvet je obravnaval in analiziral varnostne razmere \
s področja klasične kriminalitete, javnega reda in miru, varnosti v cestnem prometu, zaščite in \
reševanja, varnostne problematike mladih in vandalizma ter druge varnostne problematike, \
predlagal ukrepe za zagotavljanje prijaznejšega in varnejšega življenja in bivalnega okolja ter \
posredoval sporočila s preventivno vsebino. Varnostni sosvet ni pravna oseba. Varnostni sosvet je \
skupni organ občine in policije, ustanovljen za namenom koordinirati in pospeševati delo vseh \
služb, ki lahko prispevajo k večji varnosti."""

CONCLUSION = """\
Stanje varnosti v Mestni občini Ptuj, je rezultat dela več generacij. K rezultatu, ki se izraža, \
aktivno prispevamo vsi občani Mestne občine Ptuj. Vsebine varnosti, kot osnovne človekove \
potrebe, prepredajo pore naših življenj. Varnost se obravnava pri vsakodnevnih odločitvah dela \
mestne uprave, odločitvah svetov, dela policistov in policistk, redarske službe ter vseh \
organizacij in društev, ki opravljajo delo na področju varnosti, zaščite in reševanja. Varna \
skupnost je pogoj, da se tukaj kjer živimo počutimo varni in sprejeti. Varnostni sosvet je \
ustanovljen z namenom, da Mestna občina Ptuj skupaj s Policijsko postajo Ptuj preprečuje \
nastanek različnih negativnih pojavov in s tem zagotovi večjo varnost občanov."""

SCHEDULE_NOTE = """\
Člani sveta bodo na sejo vabljeni z vabilom. Z vabilom bo podan tudi predviden dnevni red. Člani \
sveta, lahko na seji predlagajo dopolnitev dnevnega reda."""

PROJECTS = """\
Predlaga se predstavitev projektov, ki jih izvajajo deležniki:

- Predstavitev projektov ARS VITAE društvo za razvoj in izvajanje programov pomoči.
- Predstavitev projektov CSD Spodnje Podravje.
- Predstavitev projektov Lokalne akcijske skupine za preprečevanje zasvojenosti v Mestni občini \
Ptuj (LAS).
- Predstavitev projektov CID Ptuj."""


def load_ptuj_report(council):
    """Create the 2023 report, or bring a draft of it up to date. An adopted one is left alone."""
    report = AnnualReport.objects.filter(council=council, report_year=2023, version=1).first()
    if report and not report.is_draft:
        return report
    if report is None:
        report = report_start(council, 2023)
    else:
        for field, text in draft_parts(council, 2023).items():
            setattr(report, field, text)
    report.background = BACKGROUND
    report.conclusion = CONCLUSION
    report.schedule_note = SCHEDULE_NOTE
    report.projects = PROJECTS
    report.preparer = Person.objects.get(council=council, last_name="KOROŠAK")
    report.signatory = Person.objects.get(council=council, last_name="Gajšek")
    report.save()
    return report
