"""Backups: `duban backup -o FILE` writes one archive, `duban restore FILE` loads it
into a fresh instance.

The archive is a zip file (random access: the restore reads the manifest first
and checks every member before it writes anything):

  manifest.json            format version, duban version, engine, applied
                           migrations, and per member its rows, size and sha256
  data/<app>.<model>.jsonl every row of every duban model, one JSON object a line
                           (Django's serializer, primary keys kept)
  files/<storage name>     every stored file a row refers to (notices, report
                           attachments, inspection evidence)

scope.py says what is backed up, writer.py writes an archive from one snapshot
of the database, reader.py checks an archive and restores it.
"""

from duban.backup.reader import Restored, restore_archive
from duban.backup.writer import Written, write_archive

__all__ = ["Restored", "Written", "restore_archive", "write_archive"]
