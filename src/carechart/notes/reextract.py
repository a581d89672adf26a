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
from carechart.notes.analysis import WORKER_MODULES, NoteProcessing
from carechart.notes.nlp import EXTRACTOR_VERSION
from carechart.notes.service import reextract_notes

logger = logging.getLogger("carechart.notes.reextract")


async def main(force: bool, timeout_s: float | None = None) -> int:
    settings = get_settings()
    if timeout_s is not None:
        settings = settings.model_copy(update={"note_analysis_timeout_s": timeout_s})
    configure_logging(settings.log_level)
    engine = create_engine(settings)
    # No request waits behind this run: a task waits for a worker as long as it takes.
    pool = ProcessPool(workers=settings.cpu_workers, queue_timeout_s=3600, preload=WORKER_MODULES)
    processing = NoteProcessing.configured(settings, pool)
    try:
        await pool.start()
        async with create_sessionmaker(engine)() as session:
            changed = await reextract_notes(session=session, processing=processing, force=force)
    finally:
        await pool.close()
        await engine.dispose()
    logger.info("re-extraction finished", extra={"notes": changed, "version": EXTRACTOR_VERSION})
    return changed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also notes already at this version")
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds each note's analysis may take"
    )
    arguments = parser.parse_args()
    asyncio.run(main(force=arguments.all, timeout_s=arguments.timeout))
