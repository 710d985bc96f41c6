"""The municipality's crest or logo on the council's letterhead: checked by content, then drawn.

A crest is PNG or SVG. The name's extension proves nothing, so a PNG must start with the PNG
signature and open in Pillow with a sensible number of pixels (a small file can declare a
picture too large to unpack). An SVG is an XML document that could carry a script, event
handlers, foreign HTML or references to files elsewhere; it is parsed with defusedxml (no entity
expansion, no outside DTD) and refused if it holds any of those, so what the letterhead draws is
a picture and nothing more. The accepted file is stored through Django's default storage like
every other upload and put into each document as a data: URL (the PDF renderer fetches nothing).
"""

import base64
import logging
import re
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger(__name__)

CREST_MAX_BYTES = 1024 * 1024
# A crest is printed about two centimetres high; a side longer than this is no crest but a
# picture that would cost every document rendering megabytes of memory.
CREST_MAX_SIDE = 4000

CONTENT_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run code or embed another kind of document.
SCRIPT_ELEMENTS = {"script", "handler"}
FOREIGN_ELEMENTS = {"foreignObject", "iframe", "embed", "object", "audio", "video"}
# Raster pictures embedded in the SVG itself; an embedded SVG would escape this check.
EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def check_crest(upload):
    """Return the content type of an acceptable crest; raise a ValidationError otherwise.

    Reads the upload, never saves it: a refused file leaves nothing behind.
    """
    extension = PurePath(upload.name).suffix.lower()
    content_type = CONTENT_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(_("The crest must be a PNG or SVG image."), code="type")
    if upload.size > CREST_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); a crest may have at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(CREST_MAX_BYTES)},
            code="size",
        )
    upload.seek(0)
    data = upload.read(CREST_MAX_BYTES + 1)
    upload.seek(0)
    if extension == ".png":
        _check_png(upload, data)
    else:
        _check_svg(data)
    return content_type


def _check_png(upload, data):
    not_png = ValidationError(
        _("The file is not a PNG image, although its name ends in .png."), code="not_png"
    )
    if not data.startswith(PNG_SIGNATURE):
        raise not_png
    try:
        with Image.open(upload) as image:
            if image.format != "PNG":
                raise not_png
            width, height = image.size
            if max(width, height) > CREST_MAX_SIDE:
                raise ValidationError(
                    _(
                        "The image is %(width)s × %(height)s pixels; a crest may have at most "
                        "%(limit)s pixels on a side."
                    )
                    % {"width": width, "height": height, "limit": CREST_MAX_SIDE},
                    code="pixels",
                )
            image.verify()  # reads the chunks through, checking their checksums
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise not_png from None
    finally:
        upload.seek(0)


def _check_svg(data):
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise ValidationError(
            _("The SVG file declares XML entities or outside documents, which a crest may not."),
            code="svg_entities",
        ) from None
    except (ParseError, ValueError):
        raise _not_svg() from None
    if _local(root.tag) != "svg" or _namespace(root.tag) not in (SVG_NS, ""):
        raise _not_svg()
    if re.search(rb"<\?xml-stylesheet", data):
        raise _outside_reference("xml-stylesheet")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        name = _local(element.tag)
        if name in SCRIPT_ELEMENTS:
            raise ValidationError(
                _("The SVG image contains a script, which a crest may not."), code="svg_script"
            )
        if name in FOREIGN_ELEMENTS:
            raise ValidationError(
                _("The SVG image embeds foreign content (%(element)s), which a crest may not.")
                % {"element": name},
                code="svg_foreign",
            )
        if name == "style" and element.text:
            _check_css(element.text)
        for attribute, value in element.attrib.items():
            _check_attribute(_local(attribute), value)


def _check_attribute(name, value):
    if name.lower().startswith("on"):
        raise ValidationError(
            _("The SVG image contains an event handler (%(attribute)s), which a crest may not.")
            % {"attribute": name},
            code="svg_event_handler",
        )
    if name == "href" and not _is_inside(value):
        raise _outside_reference(value)
    if name == "attributeName" and value.lower().endswith("href"):
        # An animation that rewrites a link is a reference nobody can check in advance.
        raise _outside_reference(value)
    _check_css(value)


def _check_css(text):
    if "@import" in text.lower():
        raise _outside_reference("@import")
    for target in CSS_URL.findall(text):
        if not _is_inside(target):
            raise _outside_reference(target)


def _is_inside(reference):
    """A reference to a part of the same file, or a raster picture embedded in it."""
    reference = reference.strip()
    return reference.startswith("#") or bool(EMBEDDED_IMAGE.match(reference))


def _outside_reference(reference):
    shown = reference if len(reference) <= 60 else f"{reference[:57]}…"
    return ValidationError(
        _(
            "The SVG image refers to something outside the file (%(reference)s); a crest may "
            "only use what the file itself contains."
        )
        % {"reference": shown},
        code="svg_reference",
    )


def _not_svg():
    return ValidationError(
        _("The file is not an SVG image, although its name ends in .svg."), code="not_svg"
    )


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def crest_data_url(council):
    """The council's crest as a data: URL for a document, or "" when it has none.

    A crest whose file cannot be read is left out (and logged): a letter without its crest is
    better than no letter.
    """
    if not council.crest:
        return ""
    content_type = CONTENT_TYPES.get(PurePath(council.crest.name).suffix.lower())
    try:
        with council.crest.open("rb") as stored:
            data = stored.read(CREST_MAX_BYTES + 1)
    except Exception:
        logger.exception("The crest of council %s could not be read", council.pk)
        return ""
    if content_type is None or len(data) > CREST_MAX_BYTES:
        return ""
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
