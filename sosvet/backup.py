"""What the backup and restore commands add to django-dbbackup: one private folder per backup
with a manifest of SHA-256 digests, and a restore that leaves the stored files exactly as backed
up (dbbackup's mediarestore keeps files the backup does not have and checks nothing)."""

import hashlib
import os
import posixpath
import sqlite3
import tarfile
from contextlib import closing, contextmanager
from pathlib import PurePosixPath
from shutil import copyfileobj
from tempfile import NamedTemporaryFile

from dbbackup.db.sqlite import SqliteBackupConnector

# The files of a backup folder, beside manifest.json (dbbackup writes the .metadata file: which
# connector made the dump).
DATABASE = "database.dump"
MEDIA = "media.tar"
PARTS = [DATABASE, f"{DATABASE}.metadata", MEDIA]
# A backup holds password hashes and personal data: only its owner may read it.
FOLDER_MODE = 0o700
CHUNK_BYTES = 1024 * 1024


def digest_of(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK_BYTES):
        digest.update(chunk)
    return digest.hexdigest()


def file_digest(path):
    with open(path, "rb") as stream:
        return digest_of(stream)


@contextmanager
def private_files():
    """Everything created inside is readable by the owner only, from its first byte."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def stored_files(storage, folder=""):
    """Every file kept in the storage (a local media folder or a bucket), by its name there."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder is made by the first upload
        return []
    names = [posixpath.join(folder, name) for name in files]
    for subfolder in folders:
        names += stored_files(storage, posixpath.join(folder, subfolder))
    return sorted(names)


def archived_files(path):
    """Each file in a media archive by its name, with its SHA-256; refuses a name that would land
    outside the storage's folder."""
    digests = {}
    with tarfile.open(path) as archive:
        for member in archive:
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                raise ValueError(f"The backup names a file outside its folder: {member.name}")
            digests[member.name] = digest_of(archive.extractfile(member))
    return digests


class SqliteConnector(SqliteBackupConnector):
    """SQLite's online backup both ways. dbbackup's own restore writes the file over the database
    that the running app (and an in-memory test database) holds open; this one copies the pages
    into the open connection, as SQLite's backup API is made to."""

    def restore_dump(self, dump):
        with NamedTemporaryFile(suffix=".sqlite3") as copy:
            copyfileobj(dump, copy)
            copy.flush()
            self.connection.close()
            self.connection.ensure_connection()
            with closing(sqlite3.connect(copy.name)) as backup:
                backup.backup(self.connection.connection)
