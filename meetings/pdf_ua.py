"""The last step of every council PDF: what WeasyPrint leaves short of PDF/UA-1, and saying so.

WeasyPrint tags the document (headings, lists, tables, the language, the title) but draws the
page margin boxes (page numbers, the draft mark on every page) as tagged content whose structure
elements it keeps out of the structure tree: content neither in the tree nor an artifact, which
PDF/UA forbids. Here that content becomes a pagination artifact, which screen readers skip.

WeasyPrint also writes the identification of one standard only. The kept records are rendered
as PDF/A-3a; they declare PDF/UA-1 as well, here, once the file is checked to meet what can be
checked in it. A file that falls short keeps no PDF/UA claim, and the shortfall is logged.
"""

import io
import logging

import pikepdf
from lxml import etree
from pikepdf import Array, Dictionary, Name, Operator

logger = logging.getLogger(__name__)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

HEADINGS = {f"/H{level}": level for level in range(1, 7)}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}

# PDF/A admits in its metadata only the schemas it predefines or ones the file itself describes;
# the PDF/UA identification is not predefined, so a PDF/A file that declares PDF/UA describes it.
PDFUA_SCHEMA_DESCRIPTION = f"""
<rdf:Description rdf:about="" xmlns:rdf="{RDF}" xmlns:pdfaExtension="{PDFA_EXTENSION}"
    xmlns:pdfaSchema="{PDFA_SCHEMA}" xmlns:pdfaProperty="{PDFA_PROPERTY}">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>{PDFUAID}</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>The part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def finish_for_pdf_ua(data):
    """The PDF ``data`` (tagged by WeasyPrint) with its page furniture made artifacts and PDF/UA-1
    declared in its metadata, or that claim withdrawn if the file does not meet it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tagged = tagged_content(pdf)
        untagged = mark_untagged_content_as_artifacts(pdf, tagged)
        clear_parent_tree_entries(pdf, untagged)
        shortfalls = pdf_ua_shortfalls(pdf)
        if shortfalls:
            logger.warning("PDF not declared PDF/UA-1: %s", "; ".join(shortfalls))
        set_pdf_ua_identification(pdf, declared=not shortfalls)
        out = io.BytesIO()
        # The metadata as written above, not as pikepdf would write it again.
        pdf.save(out, fix_metadata_version=False)
        return out.getvalue()


def structure_elements(pdf):
    """Every element of the structure tree, in reading order, with the page its content is on."""

    def walk(element, page):
        page = element.get("/Pg", page)
        yield element, page
        for kid in kids(element):
            if isinstance(kid, Dictionary) and "/S" in kid:
                yield from walk(kid, page)

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    for top in kids(root):
        yield from walk(top, None)


def kids(element):
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def tagged_content(pdf):
    """The (page, MCID) pairs of content that the structure tree holds."""
    found = set()
    for element, page in structure_elements(pdf):
        for kid in kids(element):
            if isinstance(kid, int) and page is not None:
                found.add((page.objgen, kid))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                found.add((kid.get("/Pg", page).objgen, int(kid.MCID)))
    return found


def mark_untagged_content_as_artifacts(pdf, tagged):
    """Turn marked content that the tree does not hold into pagination artifacts.

    Returns the (page number, MCID) pairs turned, for the parent tree."""
    turned = set()
    for number, page in enumerate(pdf.pages):
        instructions = pikepdf.parse_content_stream(page)
        changed = False
        for index, instruction in enumerate(instructions):
            if str(instruction.operator) != "BDC":
                continue
            tag, properties = instruction.operands
            mcid = properties.get("/MCID") if isinstance(properties, Dictionary) else None
            if mcid is None or (page.objgen, int(mcid)) in tagged:
                continue
            instructions[index] = pikepdf.ContentStreamInstruction(
                [Name.Artifact, Dictionary(Type=Name.Pagination)], Operator("BDC")
            )
            turned.add((number, int(mcid)))
            changed = True
        if changed:
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return turned


def clear_parent_tree_entries(pdf, untagged):
    """Point the parent tree of artifact MCIDs at nothing, so no stray element is kept for them."""
    root = pdf.Root.get("/StructTreeRoot")
    if not untagged or root is None or "/Nums" not in root.ParentTree:
        return
    nums = root.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents")
        entries = parents.get(int(key)) if key is not None else None
        if not isinstance(entries, Array):
            continue
        for mcid in range(len(entries)):
            if (number, mcid) in untagged:
                entries[mcid] = None


def pdf_ua_shortfalls(pdf):
    """What keeps the file from PDF/UA-1, among what a program can tell: empty when nothing."""
    root = pdf.Root
    shortfalls = []
    if "/StructTreeRoot" not in root:
        shortfalls.append("no structure tree")
    if not root.get("/MarkInfo", {}).get("/Marked"):
        shortfalls.append("not marked as tagged")
    if not str(root.get("/Lang", "")):
        shortfalls.append("no document language")
    if not str(pdf.docinfo.get("/Title", "")):
        shortfalls.append("no title")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        shortfalls.append("the title is not displayed")
    shortfalls += heading_shortfalls(pdf)
    shortfalls += [f"text outside tags on page {n}" for n in pages_with_text_outside_tags(pdf)]
    return shortfalls


def heading_shortfalls(pdf):
    levels = [HEADINGS[str(e.S)] for e, _ in structure_elements(pdf) if str(e.S) in HEADINGS]
    if not levels or levels[0] != 1:
        return ["the first heading is not H1"]
    return [
        f"heading H{lower} follows H{upper}"
        for upper, lower in zip(levels, levels[1:], strict=False)
        if lower > upper + 1
    ]


def pages_with_text_outside_tags(pdf):
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                depth += 1
            elif operator == "EMC":
                depth -= 1
            elif operator in TEXT_OPERATORS and depth == 0:
                yield number
                break


def set_pdf_ua_identification(pdf, *, declared):
    """Write (or withdraw) ``pdfuaid:part="1"`` in the XMP metadata.

    WeasyPrint's PDF/UA variant has already written it; its PDF/A variant has written the PDF/A
    identification, beside which PDF/UA is added with the description PDF/A asks for."""
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        if declared:
            raise ValueError("A PDF without XMP metadata cannot declare PDF/UA-1.")
        return
    packet = etree.fromstring(metadata.read_bytes())
    rdf = packet.find(f"{{{RDF}}}RDF")
    part = f"{{{PDFUAID}}}part"
    claims = [d for d in rdf.findall(f"{{{RDF}}}Description") if part in d.attrib]
    for description in claims:
        del description.attrib[part]
    if declared:
        description = etree.SubElement(rdf, f"{{{RDF}}}Description", nsmap={"pdfuaid": PDFUAID})
        description.set(f"{{{RDF}}}about", "")
        description.set(part, "1")
        if is_pdf_a(rdf) and not describes_pdf_ua_schema(rdf):
            rdf.append(etree.fromstring(PDFUA_SCHEMA_DESCRIPTION))
    metadata.write(etree.tostring(packet.getroottree(), encoding="utf-8", xml_declaration=False))


def is_pdf_a(rdf):
    part = f"{{{PDFAID}}}part"
    return any(part in d.attrib for d in rdf.iter(f"{{{RDF}}}Description"))


def describes_pdf_ua_schema(rdf):
    return any(e.text == PDFUAID for e in rdf.iter(f"{{{PDFA_SCHEMA}}}namespaceURI"))
