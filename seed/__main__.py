"""`python -m seed [--admin-only]`: create the first admin and the sample patients and notes."""

import argparse
import asyncio
import logging

from carechart.core.config import get_settings
from carechart.core.db import create_engine, create_sessionmaker
from carechart.core.logging import configure_logging
from carechart.core.offload import ProcessPool, ThreadPool
from carechart.core.security import Passwords
from carechart.notes.analysis import WORKER_MODULES, NoteProcessing
from seed.loader import load

logger = logging.getLogger("carechart.seed")


async def main(with_samples: bool) -> None:
    settings = get_settings()
    configure_logging(settings.log_level)
    engine = create_engine(settings)
    pool = ProcessPool(workers=settings.cpu_workers, queue_timeout_s=3600, preload=WORKER_MODULES)
    hashing = ThreadPool(workers=1, queue_timeout_s=3600, name="argon2")
    try:
        await pool.start()
        async with create_sessionmaker(engine)() as session:
            report = await load(
                session=session,
                settings=settings,
                with_samples=with_samples,
                processing=NoteProcessing.configured(settings, pool),
                passwords=Passwords(hashing),
            )
    finally:
        await pool.close()
        hashing.close()
        await engine.dispose()
    logger.info(
        "seed finished",
        extra={
            "admin_created": report.admin_created,
            "patients_created": report.patients_created,
            "patients_present": report.patients_present,
            "notes_created": report.notes_created,
            "notes_present": report.notes_present,
        },
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--admin-only", action="store_true", help="skip the sample patients and notes"
    )
    args = parser.parse_args()
    asyncio.run(main(with_samples=not args.admin_only))
