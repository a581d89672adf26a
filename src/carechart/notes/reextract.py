"""`python -m carechart.notes.reextract [--all]`: recompute notes' derived data after an upgrade."""

import argparse
import asyncio
import logging

from carechart.core.config import get_settings
from carechart.core.db import create_engine, create_sessionmaker
from carechart.core.logging import configure_logging
from carechart.notes.nlp import EXTRACTOR_VERSION
from carechart.notes.service import reextract_notes

logger = logging.getLogger("carechart.notes.reextract")


async def main(force: bool) -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session:
            changed = await reextract_notes(session=session, force=force)
    finally:
        await engine.dispose()
    logger.info("re-extraction finished", extra={"notes": changed, "version": EXTRACTOR_VERSION})
    return changed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also notes already at this version")
    asyncio.run(main(force=parser.parse_args().all))
