"""Reading a PDF's structure back, as a screen reader and a PDF/UA checker see it.

The structure tree is read with pikepdf; the text of each marked-content sequence on the pages
with pypdf, whose text extraction reports the marked-content operators as it meets them. Each
piece of text is then real content (its sequence is referenced from the structure tree), an
artifact (inside an /Artifact sequence), or neither, which PDF/UA forbids.
"""

from dataclasses import dataclass, field
from io import BytesIO

import pikepdf
from pypdf import PdfReader

HEADING_LEVELS = {f"H{level}": level for level in range(1, 7)}
TABLE_PARTS = {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"}}
TABLE_PARTS.update({group: {"TR"} for group in ("THead", "TBody", "TFoot")})
TABLE_PARTS["TR"] = {"TH", "TD"}


@dataclass
class Run:
    """A marked-content sequence on a page, with the text drawn inside it."""

    page: int
    tag: str
    mcid: int | None
    artifact: bool
    text: str = ""


@dataclass(eq=False)
class Element:
    """A structure element: its type, its kids, and the content it holds, in reading order."""

    tag: str
    id: str = ""
    kids: list = field(default_factory=list)
    content: list = field(default_factory=list)  # (page, MCID) pairs, own and the kids'
    attributes: dict = field(default_factory=dict)
    alt: str = ""  # a figure's alternate text

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


class TaggedPdf:
    """One PDF's catalog, metadata, structure tree and marked content, read back."""

    def __init__(self, data):
        self.pdf = pikepdf.open(BytesIO(data))
        self.catalog = self.pdf.Root
        self.title = str(self.pdf.docinfo.get("/Title", ""))
        self.page_numbers = {page.objgen: n for n, page in enumerate(self.pdf.pages)}
        self.runs = list(_marked_content(data))
        root = self.catalog.get("/StructTreeRoot")
        self.root = _element(root, None, self.page_numbers) if root is not None else None
        self.text_of = {(run.page, run.mcid): run.text for run in self.runs if run.mcid is not None}

    def elements(self, tag=None):
        if self.root is None:
            return []
        return [e for e in self.root.walk() if tag is None or e.tag == tag]

    def text(self, element):
        return " ".join(" ".join(self.text_of.get(key, "") for key in element.content).split())

    def headings(self):
        """(level, text) of every heading, in reading order."""
        return [
            (HEADING_LEVELS[e.tag], self.text(e))
            for e in self.elements()
            if e.tag in HEADING_LEVELS
        ]

    def tagged_content(self):
        return {key for e in self.elements() for key in e.content}

    def real_text(self):
        """The text a screen reader reads: the sequences the structure tree holds."""
        tagged = self.tagged_content()
        return " ".join(r.text for r in self.runs if (r.page, r.mcid) in tagged)

    def artifact_text(self, page=None):
        return " ".join(r.text for r in self.runs if r.artifact and page in (None, r.page))

    def neither_content_nor_artifact(self):
        """Text that is not in the structure tree yet not marked an artifact either."""
        tagged = self.tagged_content()
        return [r.text for r in self.runs if not r.artifact and (r.page, r.mcid) not in tagged]

    def xmp(self):
        return self.pdf.open_metadata()

    def xmp_source(self):
        return self.catalog.Metadata.read_bytes().decode()


def _element(dictionary, page, page_numbers):
    page = dictionary.get("/Pg", page)
    element = Element(
        tag=str(dictionary.get("/S", "/StructTreeRoot"))[1:],
        id=str(dictionary.get("/ID", "")),
        alt=str(dictionary.get("/Alt", "")),
    )
    if "/A" in dictionary and isinstance(dictionary.A, pikepdf.Dictionary):
        element.attributes = {str(k)[1:]: v for k, v in dictionary.A.items()}
    k = dictionary.get("/K")
    for kid in k if isinstance(k, pikepdf.Array) else ([] if k is None else [k]):
        if isinstance(kid, int):
            element.content.append((page_numbers[page.objgen], kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            kid_page = kid.get("/Pg", page)
            element.content.append((page_numbers[kid_page.objgen], int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            child = _element(kid, page, page_numbers)
            element.kids.append(child)
            element.content.extend(child.content)
    return element


def _marked_content(data):
    """Every marked-content sequence of every page with its text, and text outside any as tag
    None (PDF/UA allows none)."""
    for number, page in enumerate(PdfReader(BytesIO(data)).pages):
        sequences = _PageSequences(number)
        page.extract_text(visitor_operand_before=sequences.operator, visitor_text=sequences.text)
        yield from sequences.finished()


class _PageSequences:
    """Follows BDC/BMC ... EMC on one page and gives each piece of text to the innermost."""

    def __init__(self, page):
        self.page = page
        self.open, self.runs = [], []
        self.outside = Run(page=page, tag=None, mcid=None, artifact=False)

    def operator(self, operator, operands, matrix, text_matrix):
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])[1:]
            properties = operands[1] if operator == b"BDC" else {}
            mcid = properties.get("/MCID") if hasattr(properties, "get") else None
            inside_artifact = any(run.artifact for run in self.open)
            run = Run(self.page, tag, mcid, artifact=tag == "Artifact" or inside_artifact)
            self.open.append(run)
            self.runs.append(run)
        elif operator == b"EMC":
            self.open.pop()

    def text(self, chunk, *_):
        (self.open[-1] if self.open else self.outside).text += chunk

    def finished(self):
        runs = [*self.runs, self.outside]
        for run in runs:
            run.text = " ".join(run.text.split())
        return [run for run in runs if run.text]


def pdf_ua_problems(data, *, title):
    """What keeps the PDF from the tagging PDF/UA-1 asks for, as a reader would name it.

    Empty when: it has a structure tree and says it is tagged, its language is sl-SI, its title
    (in the document information and the XMP metadata) is shown instead of the file name, every
    font maps its glyphs to Unicode, the first heading is an H1 holding the title, heading levels
    never skip one, tables are Table > (THead/TBody/TFoot >) TR > TH/TD, and every piece of text
    is either real content or an artifact.
    """
    doc = TaggedPdf(data)
    problems = []
    if doc.root is None:
        return ["no structure tree"]
    if not doc.catalog.get("/MarkInfo", {}).get("/Marked"):
        problems.append("MarkInfo does not say Marked true")
    if str(doc.catalog.get("/Lang", "")) != "sl-SI":
        problems.append(f"language is {doc.catalog.get('/Lang')!r}, not sl-SI")
    if doc.title != title:
        problems.append(f"title is {doc.title!r}")
    if doc.xmp().get("dc:title") != title:
        problems.append(f"XMP dc:title is {doc.xmp().get('dc:title')!r}")
    if not doc.catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("viewers show the file name, not the title (DisplayDocTitle)")
    problems += [f"font {name} maps no glyph to Unicode" for name in _fonts_without_unicode(doc)]
    problems += _heading_problems(doc.headings(), title)
    problems += _table_problems(doc)
    problems += [f"neither content nor artifact: {t!r}" for t in doc.neither_content_nor_artifact()]
    return problems


def _fonts_without_unicode(doc):
    for page in doc.pdf.pages:
        for name, font in page.Resources.Font.items():
            if "/ToUnicode" not in font:
                yield name


def _heading_problems(headings, title):
    if not headings:
        return ["no headings"]
    problems = []
    level, text = headings[0]
    if level != 1 or title not in text:
        problems.append(f"first heading is H{level} {text!r}, not an H1 with the title")
    for (upper, upper_text), (lower, lower_text) in zip(headings, headings[1:], strict=False):
        if lower > upper + 1:
            problems.append(f"H{lower} {lower_text!r} follows H{upper} {upper_text!r}")
    return problems


def _table_problems(doc):
    problems = []
    for part, allowed in TABLE_PARTS.items():
        for element in doc.elements(part):
            wrong = [kid.tag for kid in element.kids if kid.tag not in allowed]
            if wrong:
                problems.append(f"{part} holds {wrong}")
    for cell in doc.elements("TH") + doc.elements("TD"):
        parents = [e for e in doc.elements("TR") if cell in e.kids]
        if not parents:
            problems.append(f"{cell.tag} {doc.text(cell)!r} outside a TR")
    for row in doc.elements("TR"):
        if not any(
            row in e.kids for part in TABLE_PARTS if part != "TR" for e in doc.elements(part)
        ):
            problems.append(f"TR {doc.text(row)!r} outside a table")
    return problems
