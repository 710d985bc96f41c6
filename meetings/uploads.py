"""What a material may be: the documents councils actually send, checked by name and by content.

The extension alone proves nothing (an executable renamed to .pdf), so the first bytes, and for
office documents the files inside the ZIP container, must match it too.

An office document is a ZIP archive, and a ZIP archive can be a bomb: a 1 MB file whose member
inflates to gigabytes. So the archive is judged by its directory first (how many members, how
much they declare to unpack to, how strongly they are compressed), and the one member read
(an ODF's ``mimetype``) is read in small chunks up to a small cap, never whole.
"""

import lzma
import struct
import zipfile
import zlib

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

# Limits for what an office document may unpack to. Real documents stay far below them: text and
# spreadsheets compress 5 to 30 times, pictures inside hardly at all; a bomb compresses about
# 1000 times. They bound what anyone who opens the file must unpack, not only this check.
MAX_MEMBERS = 10_000
# zipfile keeps an object per member of the directory it reads, so an upload that is all
# directory would cost the worker ten times its size before any count could be checked.
MAX_DIRECTORY_BYTES = 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 100
# A member smaller than this may be compressed strongly (a short, repetitive XML file).
RATIO_FLOOR_BYTES = 1024 * 1024
# The ODF ``mimetype`` member is one short line; more than this cannot be a valid one.
MIMETYPE_MAX_BYTES = 256
READ_CHUNK_BYTES = 64


class ArchiveTooLarge(Exception):
    """The archive would unpack to more than the limits allow."""


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
    try:
        matches = _content_matches(upload, content_type)
    except ArchiveTooLarge:
        raise ValidationError(
            _(
                "The document unpacks to far more than its size, as a damaged or malicious file "
                "does. Save it again in its application or attach it as PDF."
            )
        ) from None
    if not matches:
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
        _check_directory_size(upload)
        with zipfile.ZipFile(upload) as archive:
            members = _checked_members(archive, upload.size)
            if content_type in (ODT, ODS):
                mimetype = _read_bounded(archive, members.get("mimetype"), MIMETYPE_MAX_BYTES)
                return mimetype.decode("ascii", "replace").strip() == content_type
            part = _OOXML_PART[content_type]
            return "[Content_Types].xml" in members and any(n.startswith(part) for n in members)
    # A broken, encrypted or oddly compressed archive is simply not the document it claims to be.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, OSError, ValueError, zlib.error, lzma.LZMAError):  # fmt: skip
        return False
    finally:
        upload.seek(0)


def _check_directory_size(upload):
    """Read the archive's end record (its last bytes) and refuse a directory too large to read.

    A ZIP64 record is refused as well: it is needed only past 65,535 members or 4 GB, which no
    document within the upload limit reaches, and it would carry its own, larger, sizes.
    """
    upload.seek(0, 2)
    end = upload.tell()
    upload.seek(max(0, end - 22 - 65_535))  # the end record, 22 bytes, and a comment after it
    tail = upload.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile
    entries, directory_size = struct.unpack_from("<HI", tail, at + 10)
    if entries > MAX_MEMBERS or directory_size > MAX_DIRECTORY_BYTES:
        raise ArchiveTooLarge
    if at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":
        raise ArchiveTooLarge
    upload.seek(0)


def _checked_members(archive, archive_size):
    """The archive's members by name, once its directory shows it cannot be a bomb.

    Judged on the sizes the directory declares, before anything is unpacked; the reads that
    follow cannot pass a declared size (zipfile stops there and checks the CRC).
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveTooLarge
    unpacked = 0
    for info in infos:
        unpacked += info.file_size
        if info.file_size > RATIO_FLOOR_BYTES and (
            info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise ArchiveTooLarge
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(archive_size, 1):
        raise ArchiveTooLarge
    return {info.filename: info for info in infos}


def _read_bounded(archive, info, limit):
    """Up to ``limit`` bytes of one member, unpacked a chunk at a time; b"" if it is missing
    or longer than the limit (then it is not what it claims to be)."""
    if info is None or info.file_size > limit:
        return b""
    chunks, total = [], 0
    with archive.open(info) as member:
        while chunk := member.read(READ_CHUNK_BYTES):
            total += len(chunk)
            if total > limit:
                return b""
            chunks.append(chunk)
    return b"".join(chunks)
