import altair as alt
import pytest

from workshop_utils import charts, data, metrics
from workshop_utils.errors import WorkshopError


@pytest.fixture
def card():
    return metrics.scorecard(data.load("projects"))


@pytest.fixture(autouse=True)
def restore_renderer():
    before = alt.renderers.active
    yield
    alt.renderers.enable(before)


@pytest.mark.parametrize("mode,active", [("jupyter", "jupyter"), ("html", "html"), ("svg", "workshop-svg"),
                                          ("spec", "workshop-spec")])
def test_every_mode_is_offline(mode, active):
    assert charts.enable_offline(mode) == mode
    assert alt.renderers.active == active
    if mode == "html":
        assert alt.renderers.options.get("template") == "inline"
    if mode == "jupyter":
        assert alt.renderers.options.get("offline") is True


def test_mode_defaults(monkeypatch):
    monkeypatch.delenv("WORKSHOP_CHARTS", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert charts.default_mode() == "jupyter"
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert charts.default_mode() == "svg", "autograded notebooks and feedback get static charts"
    monkeypatch.setenv("WORKSHOP_CHARTS", "spec")
    assert charts.default_mode() == "spec"
    with pytest.raises(WorkshopError, match="Unknown chart mode"):
        charts.enable_offline("cdn")


def test_finish_requires_title_and_description():
    base = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    with pytest.raises(WorkshopError, match="title"):
        charts.finish(base, "", "d")
    with pytest.raises(WorkshopError, match="description"):
        charts.finish(base, "t", None)
    spec = charts.finish(base, "T", "D", subtitle="S").to_dict()
    assert spec["title"] == {"text": "T", "subtitle": "S"} and spec["description"] == "D"


def test_course_charts_are_titled_described_and_safe(card):
    charts.enable_offline("spec")
    for chart in (charts.delivery_vs_outcome(card), charts.usage_bands(metrics.usage_bands(data.load("features")))):
        spec = chart.to_dict()
        assert spec["title"] and len(spec["description"]) > 40
        assert spec["config"]["range"]["category"] == charts.PALETTE
    assert "9 of 12" in charts.delivery_vs_outcome(card).to_dict()["description"]


def test_renderers_produce_offline_output(card):
    chart = charts.delivery_vs_outcome(card)
    charts.enable_offline("svg")
    bundle = alt.renderers.get()(chart.to_dict())
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    description = chart.to_dict()["description"]
    assert f'role="img" aria-label="{description[:40]}' in bundle["image/svg+xml"], "the static chart has a name"
    charts.enable_offline("spec")
    bundle = alt.renderers.get()(chart.to_dict())
    assert bundle[charts.SPEC_MIMETYPE]["description"]
    svg = charts.to_svg(chart)
    assert "<svg" in svg and "cdn" not in svg.lower()


def test_builders_reject_wrong_tables():
    with pytest.raises(WorkshopError, match="scorecard"):
        charts.delivery_vs_outcome(data.load("projects"))


@pytest.mark.slow
def test_offline_bundle_is_cached_between_kernels(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    monkeypatch.setattr(alt.JupyterChart, "_esm", alt.JupyterChart._esm)
    charts.enable_offline("jupyter")
    cached = list((tmp_path / "project-to-product").glob("jupyterchart-*.js"))
    assert len(cached) == 1 and "cdn.jsdelivr" not in cached[0].read_text()[:2000]
    bundle = alt.JupyterChart._esm
    monkeypatch.setattr(alt.JupyterChart, "_is_offline", False)
    alt.JupyterChart._esm = "stale"
    charts.enable_offline("jupyter")  # a new kernel: reads the cache instead of rebuilding
    assert alt.JupyterChart._esm == bundle and alt.JupyterChart._is_offline


def test_progress_axis_title_and_ticks_agree(card):
    """The ticks read percentages, so the title must say 100% is the target, not "1 = target reached"."""
    x = charts.delivery_vs_outcome(card).to_dict()["layer"][0]["encoding"]["x"]
    assert x["axis"]["format"] == "%" and "100% = reached" in x["title"] and "1 =" not in x["title"]
