"""``cleaner batch``: lint a whole corpus on Dask distributed, resumably, with lint's findings.

Modules, one job each: ``inputs`` (folders, globs and JSON-lines corpora →
work items, read on the client), ``keys`` (the rule-set fingerprint and each
item's resume key), ``partition`` (items → partitions, skipping work already
in the output), ``records`` (one output record per article, through the
``lint --format json`` serializer), ``worker`` (the per-process pipeline
cache and the partition task), ``output`` (the output folder: lock, existing
records, part files), ``summary`` (the corpus summary), ``cluster`` (an
embedded LocalCluster or an existing scheduler), ``progress`` (the TTY bar)
and ``runner`` (the client loop that ties them together).
"""

from cleaner.batch.cluster import ClusterOptions
from cleaner.batch.records import RecordFields
from cleaner.batch.runner import BatchOptions, BatchOutcome, run_batch

__all__ = ["BatchOptions", "BatchOutcome", "ClusterOptions", "RecordFields", "run_batch"]
