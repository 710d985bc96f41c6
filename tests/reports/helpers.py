"""Reading report PDFs back as text, and comparing them with the seed document."""

import re
import unicodedata
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

SEED = Path(__file__).parent / "fixtures" / "porocilo-2023-plan-2024.txt"


def pdf_text(data):
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def fonts_embedded(reader):
    """True when every font on every page carries its font file."""
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/DescendantFonts") or [font])[0].get_object()["/FontDescriptor"]
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
    return True


def letters(text):
    """Only letters and digits, case-folded: what a reader reads, whatever the layout.

    Line breaks, hyphenation at line ends, the kind of dash ("2022 - 2026" / "2022 – 2026") and
    bullet glyphs differ between the seed's text extraction and ours without changing a word.
    """
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def says(text, sentence):
    """Whether the PDF text holds the sentence, however lines were broken and hyphenated."""
    return letters(sentence) in letters(without_page_furniture(text))


def without_page_furniture(text):
    """Drop what WeasyPrint repeats on every page, which may fall inside a paragraph."""
    return re.sub(r"Stran \d+ od \d+|OSNUTEK", " ", text)


def seed_units():
    """The seed's paragraphs, headings and list items, in order, each as one string."""
    units = []
    for block in SEED.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        # Bullets came through the seed's extraction as a private-use glyph.
        joined = " ".join(lines)
        units.extend(part.strip() for part in re.split(r"[\uf000-\uf8ff]", joined) if part.strip())
    return units


def seed_section(heading, next_heading):
    """The seed's text from a heading ("1.3. Seje") to the next, without the headings."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index(heading) + len(heading)
    return text[start : text.index(next_heading, start)].strip()


def missing_or_out_of_order(units, text):
    """The units not found in ``text`` after the previous one: empty when all are, in order."""
    haystack = letters(without_page_furniture(text))
    position, problems = 0, []
    for unit in units:
        found = haystack.find(letters(unit), position)
        if found < 0:
            problems.append(unit)
        else:
            position = found + len(letters(unit))
    return problems
