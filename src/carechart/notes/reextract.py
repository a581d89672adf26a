"""`python -m carechart.notes.reextract [--all]`: recompute notes' derived data.

After an upgrade of the extractor, and for notes stored without analysis (past a time limit at
upload: `analysis_status` other than `complete`). Runs in worker processes with the same time
limits as uploads; `--timeout` gives the analysis of each note longer, for an offline run.
"""

import argparse
import asyncio
import logging

from carechart.core.config import get_settings
from carechart.core.db import create_engine, create_sessionmaker
from carechart.core.logging import configure_logging
from carechart.core.offload import ProcessPool
from carechart.notes.analysis import NoteProcessing, worker_modules
from carechart.notes.nlp import warm_up
from carechart.notes.service import reextract_notes

logger = logging.getLogger("carechart.notes.reextract")


async def main(force: bool, timeout_s: float | None = None) -> int:
    settings = get_settings()
    if timeout_s is not None:
        settings = settings.model_copy(update={"note_analysis_timeout_s": timeout_s})
    configure_logging(settings.log_level)
    warm_up(status_model=settings.status_model_enabled)  # a broken weights file stops us here
    engine = create_engine(settings)
    # No request waits behind this run: a task waits for a worker as long as it takes.
    pool = ProcessPool(
        workers=settings.cpu_workers, queue_timeout_s=3600, preload=worker_modules(settings)
    )
    processing = NoteProcessing.configured(settings, pool)
    try:
        await pool.start()
        async with create_sessionmaker(engine)() as session:
            changed = await reextract_notes(session=session, processing=processing, force=force)
    finally:
        await pool.close()
        await engine.dispose()
    version = processing.extractor_version
    logger.info("re-extraction finished", extra={"notes": changed, "version": version})
    return changed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also notes already at this version")
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds each note's analysis may take"
    )
    arguments = parser.parse_args()
    asyncio.run(main(force=arguments.all, timeout_s=arguments.timeout))
