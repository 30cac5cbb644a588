"""Altair charts that render offline, always carry a title and a description, and are colour-blind safe.

Why a renderer switch: Altair's default renderer loads Vega from a CDN, which fails in a class
without internet, and JupyterLab's built-in Vega renderer does not know Vega-Lite 6. So
:func:`enable_offline` picks one of these, once per kernel (``WORKSHOP_CHARTS`` overrides):

* ``jupyter`` (default in JupyterLab): Altair's JupyterChart widget with the Vega bundle from
  vl-convert, served by the kernel: interactive, no network;
* ``svg``: a static SVG drawn in the kernel by vl-convert; used automatically during nbgrader
  autograde, so charts also appear in autograded notebooks and feedback pages;
* ``html``: HTML with Vega inlined (about 1 MB per chart; for nbconvert HTML exports);
* ``spec``: the Vega-Lite JSON itself (tests read titles and descriptions from it).
"""

from __future__ import annotations

import os
from pathlib import Path

from workshop_utils import files
from workshop_utils.errors import WorkshopError

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MODES = ("jupyter", "svg", "html", "spec")
SPEC_MIMETYPE = "application/vnd.vegalite.v6+json"
# Vega-Embed's "..." actions menu is a <summary> holding only an unlabelled icon (axe-core:
# summary-name, serious), and one of its entries opens the online Vega Editor. Charts in the
# course are drawn without it; to save a chart, use charts.to_svg(chart) or chart.save("x.svg").
EMBED_OPTIONS = {"actions": False}
_state = {"mode": None}


def _theme() -> dict:
    return {
        "config": {
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#333333"},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#222222", "titleColor": "#222222"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12},
            "view": {"stroke": None},
        }
    }


def _svg_renderer(spec: dict, **_):
    """A static SVG that carries the chart's description as its accessible name: vl-convert leaves
    it out, and without it the chart has no alt text in autograded notebooks and feedback pages."""
    import html

    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    description = spec.get("description")
    if isinstance(description, str) and description:
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(description, quote=True)}" ', 1)
    return {"image/svg+xml": svg}


def _spec_renderer(spec: dict, **_):
    return {SPEC_MIMETYPE: spec, "text/plain": f"<chart: {spec.get('title', 'untitled')}>"}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "project-to-product"


def _jupyter_offline() -> None:
    """Make Altair's JupyterChart load Vega from a local bundle, cached on disk between kernels.

    Building the bundle with vl-convert takes about two seconds in every new kernel; the bundle
    only changes with the Altair and vl-convert versions, so it is kept in the user's cache folder.
    """
    import altair as alt
    import vl_convert as vlc

    chart_class = alt.JupyterChart
    if getattr(chart_class, "_is_offline", False):
        return
    cached = _cache_dir() / f"jupyterchart-{alt.__version__}-{vlc.__version__}.js"
    try:
        bundle = cached.read_text(encoding="utf-8")
    except OSError:
        bundle = None
    if bundle and hasattr(chart_class, "_esm"):
        chart_class._esm = bundle
        chart_class._is_offline = True
        return
    chart_class.enable_offline(True)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(cached, chart_class._esm)
    except (OSError, AttributeError, TypeError):
        pass  # no cache: the next kernel builds the bundle again, nothing worse


def default_mode() -> str:
    chosen = os.environ.get("WORKSHOP_CHARTS")
    if chosen:
        return chosen
    return "svg" if os.environ.get("NBGRADER_EXECUTION") else "jupyter"


def enable_offline(mode: str | None = None) -> str:
    """Turn on an offline renderer and the course theme; returns the mode in use."""
    mode = mode or default_mode()
    if mode not in MODES:
        raise WorkshopError(f"Unknown chart mode {mode!r}; choose one of {', '.join(MODES)} "
                            "(set WORKSHOP_CHARTS, or leave it unset for the default).")
    import altair as alt

    alt.theme.register("workshop", enable=True)(_theme)
    alt.renderers.register("workshop-svg", _svg_renderer)
    alt.renderers.register("workshop-spec", _spec_renderer)
    if mode == "jupyter":
        _jupyter_offline()
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
    elif mode == "html":
        alt.renderers.enable("html", template="inline", embed_options=EMBED_OPTIONS)
    else:
        alt.renderers.enable(f"workshop-{mode}")
    _state["mode"] = mode
    return mode


def finish(chart, title: str, description: str, subtitle: str | None = None):
    """Give ``chart`` its title and description (the alt text screen readers announce).

    Every chart the course shows goes through here, so none is untitled or undescribed.
    """
    for label, text in (("title", title), ("description", description)):
        if not isinstance(text, str) or not text.strip():
            raise WorkshopError(f"A chart needs a {label}: a short sentence saying what it shows.")
    if _state["mode"] is None:
        enable_offline()
    heading = {"text": title, "subtitle": subtitle} if subtitle else title
    return chart.properties(title=heading, description=description)


def delivery_vs_outcome(card):
    """Bars of outcome progress per project, coloured by whether it was delivered to plan."""
    import altair as alt

    from workshop_utils.metrics import require_columns

    require_columns(card, ["project", "outcome_progress", "on_plan"], "the scorecard")
    data = card.assign(plan=card["on_plan"].map({True: "on plan", False: "off plan"}))
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("project:N", sort="-x", title=None),
        x=alt.X("outcome_progress:Q", title="progress from baseline to target (100% = reached)",
                axis=alt.Axis(format="%")),
        color=alt.Color("plan:N", title="delivery", scale=alt.Scale(domain=["on plan", "off plan"],
                                                                  range=PALETTE[:2])),
        tooltip=["project", alt.Tooltip("outcome_progress:Q", format=".0%"), "plan"],
    )
    # The target line is drawn once per row at the same place and has no field for Vega to describe: hidden
    # from screen readers (the chart's description mentions it), else it is an unlabelled graphic (axe-core:
    # svg-img-alt, serious).
    target = alt.Chart(data).mark_rule(strokeDash=[4, 3], color="#222222", aria=False).encode(x=alt.datum(1))
    met = int((card["outcome_progress"] >= 1).sum())
    return finish(
        bars + target,
        "On plan is not the same as on target",
        f"Horizontal bars, one per project, show how far each moved its outcome from baseline to target; "
        f"a dashed line marks the target. {int(card['on_plan'].sum())} of {len(card)} projects were "
        f"delivered on plan, but only {met} reached their outcome target.",
        subtitle="Outcome progress six months after each project ended",
    )


def usage_bands(bands):
    """Bars of how many shipped features fall in each usage band."""
    import altair as alt

    from workshop_utils.metrics import require_columns

    require_columns(bands, ["band", "features", "share"], "the usage bands")
    chart = alt.Chart(bands).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("band:N", sort=list(bands["band"]), title="share of eligible people using it monthly"),
        y=alt.Y("features:Q", title="features"),
        tooltip=["band", "features", alt.Tooltip("share:Q", format=".0%")],
    )
    rare = float(bands.loc[bands["band"].isin(["never", "rarely (<5%)"]), "share"].sum())
    return finish(chart, "Most shipped features are rarely or never used",
                  f"Bar chart of shipped features by usage band: {rare:.0%} are used by fewer than 5% of "
                  "the people who could use them.")


def to_svg(chart) -> str:
    """The chart as a standalone SVG string, drawn offline (for reports and feedback pages)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())
