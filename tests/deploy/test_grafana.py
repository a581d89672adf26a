"""The Grafana dashboard asks only for metrics and labels the API and the worker really expose."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
import promql_parser
import pytest
from prometheus_client.metrics import MetricWrapperBase
from prometheus_client.parser import text_string_to_metric_families

from carechart.core.config import Settings
from carechart.main import create_app
from carechart.summaries import metrics as worker_metrics
from tests.deploy.files import ROOT, compose_config, load_yaml

DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "carechart.json"
# Grafana replaces these before Prometheus sees the query.
GRAFANA_VARIABLES = re.compile(r"\$__(rate_interval|interval|range)")
ALWAYS_THERE = {"job", "instance"}  # added by Prometheus to every scraped series
# Every panel the issue asks for, by the series it must query.
REQUIRED = {
    "http_requests_total",
    "http_request_duration_seconds_bucket",
    "carechart_summary_jobs_total",
    "carechart_summary_job_duration_seconds_bucket",
    "carechart_summary_queue_depth",
    "carechart_model_tokens_total",
    "carechart_model_request_duration_seconds_bucket",
}

SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
    "gauge": ("",),
}


@dataclass
class Query:
    metrics: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)


def _targets() -> list[dict[str, Any]]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [t for panel in dashboard["panels"] for t in panel.get("targets", [])]


def _parse(expr: str) -> Query:
    query = Query()

    def visit(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            query.metrics.add(node.name)
            query.labels |= {m.name for m in node.matchers.matchers}
        elif isinstance(node, promql_parser.AggregateExpr) and node.modifier:
            query.labels |= set(node.modifier.labels)
        elif isinstance(node, promql_parser.BinaryExpr) and node.modifier:
            matching = node.modifier.matching
            query.labels |= set(matching.labels) if matching else set()

    promql_parser.walk(promql_parser.parse(GRAFANA_VARIABLES.sub("5m", expr)), visit)
    return query


async def _api_series() -> dict[str, set[str]]:
    """Series names and their labels, scraped from a real app after one request."""
    app = create_app(Settings(_env_file=None, metrics_enabled=True))  # type: ignore[call-arg]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        await client.get("/health")
        exposition = (await client.get("/metrics")).text
    series: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            series.setdefault(sample.name, set()).update(sample.labels)
    return series


def _worker_series() -> dict[str, set[str]]:
    """Series names of the worker's metrics, derived from their types (no sample needed)."""
    series: dict[str, set[str]] = {}
    for metric in vars(worker_metrics).values():
        if not isinstance(metric, MetricWrapperBase):
            continue
        labels = set(metric._labelnames)  # the label names it was declared with
        for family in metric.describe():
            for suffix in SUFFIXES[family.type]:
                extra = {"le"} if suffix == "_bucket" else set()
                series[family.name + suffix] = labels | extra
    return series


@pytest.fixture(scope="module")
async def exposed() -> dict[str, set[str]]:
    return {**await _api_series(), **_worker_series()}


def test_every_query_parses_as_promql() -> None:
    targets = _targets()

    assert targets
    for target in targets:
        _parse(target["expr"])


async def test_every_metric_a_query_names_is_exposed(exposed: dict[str, set[str]]) -> None:
    used = set().union(*(_parse(t["expr"]).metrics for t in _targets()))

    assert used <= set(exposed), used - set(exposed)
    assert used >= REQUIRED, REQUIRED - used


async def test_every_label_a_query_groups_or_filters_by_exists(
    exposed: dict[str, set[str]],
) -> None:
    for target in _targets():
        query = _parse(target["expr"])
        available = set().union(*(exposed[m] for m in query.metrics)) | ALWAYS_THERE
        legend = set(re.findall(r"\{\{(\w+)\}\}", target.get("legendFormat", "")))

        assert query.labels <= available, (target["expr"], query.labels - available)
        assert legend <= query.labels, (target["legendFormat"], legend - query.labels)


def test_panels_read_the_provisioned_prometheus() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    datasources = load_yaml("deploy/grafana/provisioning/datasources/prometheus.yml")

    assert variables["datasource"]["query"] == "prometheus"
    assert [d["type"] for d in datasources["datasources"]] == ["prometheus"]
    assert datasources["datasources"][0]["url"] == "http://prometheus:9090"
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}", panel["title"]


def test_grafana_loads_the_dashboards_from_where_compose_mounts_them() -> None:
    provider = load_yaml("deploy/grafana/provisioning/dashboards/carechart.yml")["providers"][0]
    mounts = compose_config("compose.yaml")["services"]["grafana"]["volumes"]

    assert f"./deploy/grafana/dashboards:{provider['options']['path']}:ro" in mounts
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in mounts
