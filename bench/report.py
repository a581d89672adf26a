"""docs/benchmarks.md and its charts, from every bench/results/results-*.json (largest first).

`python -m bench.report` rewrites the document without running anything. The analysis (why a
target is missed, what was changed) is written by hand in bench/analysis.md and included.
"""

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.config import DOCS, RESULTS

ANALYSIS = Path(__file__).with_name("analysis.md")
DOCUMENT = DOCS / "benchmarks.md"


def _results() -> list[dict[str, Any]]:
    documents = [json.loads(p.read_text()) for p in RESULTS.glob("results-*.json")]
    return sorted(documents, key=lambda d: -int(d["meta"]["patients"]))


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _ms(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def chart(result: dict[str, Any]) -> Path:
    """Left: p50 with one connection, product and ceiling, and the targets. Right: the product's
    requests per second as a share of the ceiling's (16 connections)."""
    rows = result["scenarios"]
    names = [r["name"] for r in rows]
    product = [r["product"]["latency"]["latency_ms"]["p50"] for r in rows]
    product95 = [r["product"]["latency"]["latency_ms"]["p95"] for r in rows]
    ceiling = [r["ceiling"]["latency"]["latency_ms"]["p50"] for r in rows]
    ratios = [r["ceiling_ratio"] or 0 for r in rows]
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5.2))
    y = range(len(rows))
    left.barh([i + 0.2 for i in y], product, height=0.4, label="Carechart p50", color="#3b6ea5")
    left.scatter(product95, [i + 0.2 for i in y], marker="|", s=120, color="#1d3b5c",
                 label="Carechart p95", zorder=3)  # fmt: skip
    left.barh([i - 0.2 for i in y], ceiling, height=0.4, label="ceiling p50", color="#b0b7c0")
    for i, r in enumerate(rows):
        target = r.get("target") or {}
        if target.get("p50_ms"):
            left.plot([target["p50_ms"]] * 2, [i - 0.45, i + 0.45], color="#c0392b", lw=2)
    left.plot([], [], color="#c0392b", lw=2, label="target (p50)")
    left.set_xscale("log")
    left.set_yticks(list(y), names)
    left.invert_yaxis()
    left.set_xlabel("latency, ms (one connection, log scale)")
    left.legend(loc="lower right", fontsize=8)
    left.grid(axis="x", which="both", alpha=0.3)
    colours = ["#27ae60" if v >= 0.7 else "#e67e22" for v in ratios]
    right.barh(list(y), [v * 100 for v in ratios], color=colours)
    right.axvline(70, color="#c0392b", lw=2, label="target for GET /patients/{id}: 70%")
    for i, v in enumerate(ratios):
        right.text(v * 100 + 1, i, f"{v * 100:.0f}%", va="center", fontsize=8)
    right.set_yticks(list(y), names)
    right.invert_yaxis()
    right.set_xlim(0, max(110, max(ratios, default=0) * 100 + 15))
    right.set_xlabel(
        f"requests/s as % of the ceiling ({result['meta']['concurrency']} connections)"
    )
    right.legend(loc="lower right", fontsize=8)
    right.grid(axis="x", alpha=0.3)
    figure.suptitle(f"Carechart at {_n(result['meta']['patients'])} patients")
    figure.tight_layout()
    path = DOCS / f"benchmarks-{result['meta']['patients']}.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _latencies(side: dict[str, Any]) -> str:
    latency = side["latency_ms"]
    return " / ".join(_ms(latency[k]) for k in ("p50", "p95", "p99"))


def _cpu(side: dict[str, Any]) -> str:
    value = side["throughput"].get("server_cpu_ms_per_request")
    return f"{value:.2f}" if value is not None else "n/a"


def _target(row: dict[str, Any]) -> str:
    target = row.get("target")
    if not target:
        return ""
    verdict = "**met**" if target["met"] else "**missed**"
    return f"{target['description']}: {verdict}"


def scenario_table(result: dict[str, Any]) -> list[str]:
    conns = result["meta"]["concurrency"]
    lines = [
        f"| scenario | req/s ({conns} conn.) | ceiling req/s | ratio | p50 / p95 / p99 ms "
        f"({conns} conn.) | p50 / p95 / p99 ms (1 conn.) | ceiling p50 ms (1 conn.) "
        "| API CPU ms/req (ceiling) | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in result["scenarios"]:
        product, ceiling = r["product"], r["ceiling"]
        errors = sum(product["throughput"]["errors"].values())
        note = f" ({errors} errors)" if errors else ""
        lines.append(
            f"| {r['title']} | {_n(product['throughput']['rps'])}{note} | "
            f"{_n(ceiling['throughput']['rps'])} | {r['ceiling_ratio'] * 100:.0f}% | "
            f"{_latencies(product['throughput'])} | {_latencies(product['latency'])} | "
            f"{_ms(ceiling['latency']['latency_ms']['p50'])} | "
            f"{_cpu(product)} ({_cpu(ceiling)}) | {_target(r)} |"
        )
    return lines


def machine_section(result: dict[str, Any]) -> list[str]:
    m = result["machine"]
    pg = ", ".join(f"{k}={v}" for k, v in sorted(m["postgresql_settings"].items()))
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    load = ", ".join(f"{v:.2f}" for v in m["load_average_at_start"])
    return [
        f"- CPU: {m['cpus']} cores, {m['cpu_model']}; memory {m['memory_gib']} GiB; "
        f"Linux {m['kernel']}",
        f"- {m['postgresql']} on the same machine, stock settings ({pg})",
        f"- Python {m['python']}; {packages}; load tool {m['wrk']}",
        f"- Load average when the run started: {load} (other work on the machine shares "
        "the cores); commit " + m["git_commit"],
    ]


def load_section(result: dict[str, Any]) -> list[str]:
    load = result["load"]
    if load.get("reused"):
        return ["The data set was reused from an earlier load."]
    seconds = load["seconds"]
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items() if k != "total")
    return [
        f"Loaded {_n(result['meta']['patients'])} patients and {_n(load['notes'])} notes in "
        f"**{seconds['total']:.0f} s** ({phases})."
    ]


def other_targets(result: dict[str, Any]) -> list[str]:
    herd, memory = result["stampede"], result["memory"]
    statuses = ", ".join(f"{n} x {code}" for code, n in sorted(herd["statuses"].items()))
    return [
        "| target | measured | |",
        "| --- | --- | --- |",
        f"| {herd['requests']} concurrent summary requests, same patient and options: exactly "
        f"one job | {herd['jobs_in_database']} job(s) in `summary_job`; answers: {statuses}; "
        f"{herd['distinct_job_ids_returned']} distinct job id(s) returned | "
        f"{'**met**' if herd['met'] else '**missed**'} |",
        f"| API process resident memory under {memory['target_mb']} MB under load | peak "
        f"{memory['peak_rss_mb']} MB (idle after start {memory['idle_rss_mb']} MB, at the end "
        f"{memory['final_rss_mb']} MB) | {'**met**' if memory['met'] else '**missed**'} |",
    ]


def logging_section(result: dict[str, Any]) -> list[str]:
    logging = result.get("logging") or {}
    warning, info = logging.get("WARNING", {}), logging.get("INFO", {})
    lines = [
        "| scenario | req/s, LOG_LEVEL=WARNING | req/s, LOG_LEVEL=INFO (access log) | change "
        "| API CPU per request, WARNING / INFO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, on in info.items():
        off = warning.get(name)
        if off:
            change = (on["rps"] / off["rps"] - 1) * 100
            cpu = f"{off['server_cpu_ms_per_request']} / {on['server_cpu_ms_per_request']} ms"
            lines.append(
                f"| {name} | {_n(off['rps'])} | {_n(on['rps'])} | {change:+.0f}% | {cpu} |"
            )
    return lines if len(lines) > 2 else []


def search_designs_section(result: dict[str, Any]) -> list[str]:
    designs = result.get("search_designs") or {}
    if not designs:
        return []
    lines = [
        "Search designs side by side (`bench/search_designs.py`): the same misspelt names, each "
        "sent once on one connection; recall@10 counts the queries whose intended name is in "
        "the first ten answers. The trigram peers are given their GIN index for the occasion.",
        "",
        "| search design | queries | p50 ms | p95 ms | intended patient in top 10 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, d in designs.items():
        lines.append(
            f"| {name} | {d['queries']} | {_ms(d['p50_ms'])} | {_ms(d['p95_ms'])} | "
            f"{d['found_in_top_10']}/{d['queries']} |"
        )
    return [*lines, ""]


def middleware_section(result: dict[str, Any]) -> list[str]:
    cost = result.get("middleware") or {}
    if not cost:
        return []
    lines = [
        f"Middleware cost (`bench/middleware_cost.py`: `{cost['path']}` called in process, "
        f"best of {cost['rounds']} rounds of {cost['requests_per_round']:,} requests): "
        f"{cost['all_us']} us per request with every middleware, {cost['none_us']} us with "
        "none. Each middleware's cost is the time it adds (all, less all but it); on a busy "
        "machine a small cost can read as negative.",
        "",
        "| middleware | us per request |",
        "| --- | ---: |",
    ]
    lines += [f"| {name} | {us} |" for name, us in cost["middleware"].items()]
    return [*lines, ""]


def plans_section(result: dict[str, Any], max_lines: int = 14) -> list[str]:
    lines = []
    for name, plan in result["plans"].items():
        used = "uses" if plan["uses_expected_index"] else "does NOT use"
        lines += [
            f"**{name}** (`{plan['path'][:90]}`) {used} `{plan['expected_index']}`:",
            "",
            "```",
            *plan["plan"].splitlines()[:max_lines],
            "```",
            "",
        ]
    return lines


def result_section(result: dict[str, Any], main: bool) -> list[str]:
    meta = result["meta"]
    png = chart(result)
    lines = [
        f"## {_n(meta['patients'])} patients, {_n(meta['notes'])} notes"
        + (" (the reference run)" if main else ""),
        "",
        f"Run {meta['started_at']} to {meta['finished_at']}; per scenario and side: "
        f"{meta['warmup_s']:g} s warm-up, {meta['duration_s']:g} s at {meta['concurrency']} "
        f"connections, {meta['duration_s']:g} s at one connection. Load average at the end: "
        + ", ".join(f"{v:.2f}" for v in meta.get("load_average_at_end", []))
        + ".",
        "",
        *machine_section(result),
        "",
        *load_section(result),
        "",
        *scenario_table(result),
        "",
        f"![Carechart at {_n(meta['patients'])} patients]({png.name})",
        "",
        *other_targets(result),
        "",
    ]
    lines += search_designs_section(result)
    lines += middleware_section(result)
    logging = logging_section(result)
    if logging:
        lines += ["Cost of the JSON access log (one line per request, to a file):", "", *logging]
        lines.append("")
    if main:
        lines += ["### Query plans (EXPLAIN ANALYZE, first lines)", "", *plans_section(result)]
    files = sorted(p.name for p in RESULTS.glob(f"*-{meta['patients']}*") if p.suffix != ".tmp")
    lines += [f"Raw results: {', '.join(f'`bench/results/{f}`' for f in files)}.", ""]
    return lines


HEADER = """# Benchmarks

Generated by `make bench` (`python -m bench`) from `bench/results/results-*.json`; the
analysis at the end is written by hand (`bench/analysis.md`). Rebuild this page alone with
`uv run python -m bench.report`.

## How to run

```sh
apt-get install wrk                  # the load tool (Debian, Ubuntu; `brew install wrk`)
make bench                           # 1,000,000 patients, 200,000 notes
BENCH_PATIENTS=100000 make bench     # a quick run: 100,000 patients, 20,000 notes
```

Settings (environment): `BENCH_PATIENTS`, `BENCH_NOTES` (default: a fifth of the patients),
`BENCH_SEED`, `BENCH_DATABASE_URL`
(default `carechart_bench` on 127.0.0.1: **dropped and recreated**; its name must contain
`bench`), `BENCH_REDIS_URL` (default database 12), `BENCH_DURATION_S`, `BENCH_WARMUP_S`,
`BENCH_CONCURRENCY`, `BENCH_REUSE=true` (keep a loaded data set of the same size and seed),
`BENCH_ONLY=get_patient,health` (some scenarios only), `BENCH_COMPARE_LOGGING=false`.
Defaults: 3 s warm-up and 6 s per run (about 6 minutes at 100,000 patients); the reference run
at 1,000,000 used `BENCH_DURATION_S=10`.

Where a request's time goes: `python -m bench.profile get_patient list_notes --profile` (same
settings, on a data set `make bench` loaded) calls each scenario's product and ceiling requests
in process, one at a time, and prints the process CPU per request of each side and, with
`--profile`, cProfile's tables of the product's requests.

## Method

- **Data** (`bench/generate.py`): patients with given and family names from ten cultures
  (`bench/names.toml`, about 300 of each, weighted so some are common and many rare, accents
  kept), ages of a general hospital's register, MRNs `CC-00000001`...; notes from eight kinds
  of clinical note (`bench/note_templates.py`) rendered in 600 distinct variants whose
  `derived` data is computed by the real extractor; most patients have no notes, a few have
  dozens. Loaded with `COPY` (asyncpg, binary) with the secondary indexes and constraints
  dropped and rebuilt afterwards, then `VACUUM ANALYZE`. Fixed seed: the same data each time.
- **Server**: `uvicorn bench.app:create_bench_app --factory --workers 1` on 127.0.0.1,
  `LOG_LEVEL=WARNING`, everything else default (a pool of 20 connections, no overflow).
- **Ceiling** (`bench/app.py`): in the same process, `/_ceiling/...` routes answer each
  scenario with the same SQL sent straight through an asyncpg pool: no token check, no ORM, no
  audit event, no Pydantic. They share uvicorn, the event loop and the middleware with the
  product, so *ratio = product req/s / ceiling req/s* is what the application layer costs.
- **Load** (`bench/run.py`, `bench/wrk.lua`): wrk, one thread, on the same two cores as the
  server and PostgreSQL (the client's CPU is taken from both sides alike). Each scenario cycles
  through a fixed list of requests (1,000 patient ids, 50 misspelt names, 20 deep cursors ...).
  Per scenario both sides warm up, then take turns: a throughput run at 16 connections, then a
  latency run at one connection. **Latency targets are judged on the one-connection run** (the
  time a request takes, without queueing behind 15 others in a one-process server); the
  16-connection percentiles are shown too. *API CPU ms/req* is the server process's CPU time
  (user + system, from `/proc`) during the throughput run divided by the requests it served:
  the steadiest figure when other work shares the machine.
- **Deep page**: a cursor encrypted by the API's own codec that points at a row between a
  quarter of the way and the end of the default order (family name, given name, id), exactly
  what following `next_cursor` would have reached.
- **Summaries**: fresh summaries are made beforehand by the real generation code (local
  provider) for 20 patients, so the GETs are cache hits (200). Then 100 concurrent requests for
  a summary with new options go to one patient; the jobs in `summary_job` are counted.
- **Memory**: the server's VmRSS sampled every 250 ms during every run; the peak is reported.
- **Plans**: the SQL each paged request really sends is captured and run under
  `EXPLAIN (ANALYZE, BUFFERS)`. `tests/bench/test_query_plans.py` (and the search test in
  `tests/patients/test_search.py`) fail when a plan stops using its index; they run in
  `make test`. No test asserts a time.
"""


def at_a_glance(result: dict[str, Any]) -> list[str]:
    """The issue's targets, met or missed, in the reference run."""
    lines = [
        f"## Targets at {_n(result['meta']['patients'])} patients (details and causes at the end)",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
    ]
    for row in result["scenarios"]:
        target = row.get("target")
        if target:
            unit = " ms p50, one connection" if target.get("p50_ms") else " of the ceiling's req/s"
            value = target["measured"]
            shown = f"{value:.1f}" if target.get("p50_ms") else f"{value * 100:.0f}%"
            verdict = "met" if target["met"] else "**missed**"
            lines.append(f"| {row['title']}: {target['description']} | {shown}{unit} | {verdict} |")
    herd, memory = result["stampede"], result["memory"]
    lines += [
        f"| 100 concurrent summary requests: exactly one job | {herd['jobs_in_database']} job | "
        f"{'met' if herd['met'] else '**missed**'} |",
        f"| API resident memory under {memory['target_mb']} MB | peak {memory['peak_rss_mb']} MB "
        f"| {'met' if memory['met'] else '**missed**'} |",
        "",
    ]
    return lines


def write_report() -> Path:
    results = _results()
    lines = [HEADER]
    if results:
        lines += at_a_glance(results[0])
    for i, result in enumerate(results):
        lines += result_section(result, main=i == 0)
    if ANALYSIS.exists():
        lines += [ANALYSIS.read_text(encoding="utf-8").rstrip(), ""]
    DOCUMENT.write_text("\n".join(lines), encoding="utf-8")
    return DOCUMENT


if __name__ == "__main__":
    print(write_report())
