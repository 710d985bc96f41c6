"""What a material may be: the documents councils actually send, checked by name and by content.

The extension alone proves nothing (an executable renamed to .pdf), so the first bytes, and for
office documents the files inside the ZIP container, must match it too.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

CONTENT_TYPES = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".odt": ODT,
    ".ods": ODS,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
# The folder inside an Office Open XML package that says which application made it.
_OOXML_PART = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}


def max_upload_bytes():
    return settings.SOSVET_MAX_UPLOAD_MB * 1024 * 1024


def check_material(upload):
    """Return the content type of an acceptable upload; raise a ValidationError otherwise."""
    name = upload.name.lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    content_type = CONTENT_TYPES.get(extension)
    if content_type is None:
        raise ValidationError(
            _(
                "Files of this type cannot be attached. Allowed: PDF, DOCX, ODT, XLSX, ODS, PPTX, "
                "PNG and JPG."
            )
        )
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_upload_bytes())}
        )
    if not _content_matches(upload, content_type):
        raise ValidationError(
            _("The file's content does not match its extension %(extension)s.")
            % {"extension": extension}
        )
    return content_type


def _content_matches(upload, content_type):
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if content_type == PDF:
            return head.startswith(b"%PDF-")
        if content_type == "image/png":
            return head == b"\x89PNG\r\n\x1a\n"
        if content_type == "image/jpeg":
            return head.startswith(b"\xff\xd8\xff")
        if not head.startswith(b"PK\x03\x04"):
            return False
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if content_type in (ODT, ODS):
                return archive.read("mimetype").decode("ascii", "replace").strip() == content_type
            part = _OOXML_PART[content_type]
            return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(0)
