"""`python -m carechart.openapi PATH`: write the OpenAPI document, as served, to a file."""

import json
import sys
from pathlib import Path
from typing import Any

from carechart.core.config import Settings
from carechart.main import create_app


def document() -> dict[str, Any]:
    # Documentation settings only: no connection is opened to build the document.
    app = create_app(Settings(_env_file=None, docs_enabled=True))
    return app.openapi()


def render() -> str:
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/openapi.json")
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
