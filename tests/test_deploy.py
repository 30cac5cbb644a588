"""deploy/: the Zero to JupyterHub values for a class on Kubernetes, the formgrader's pod and the image.

No cluster and no network here: the values are validated, as Helm does, against the chart's own values
schema (chart 4.4.0, vendored in tests/z2jh/ with its version and licence), merged with the chart's
defaults and with deploy/nbgrader_config.py set as `--set-file` sets it. The exchange folders each
learner's pod mounts are checked against the layout of workshop_utils.learnerexchange, which
tests/test_learnerexchange.py runs as real accounts.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from workshop_utils import learnerexchange

from .conftest import ROOT

DEPLOY = ROOT / "deploy"
CHART = Path(__file__).parent / "z2jh"
CHART_VERSION = "4.4.0"
SERVICE = "formgrader-project-to-product"


def merge(base, override):
    """Helm's merge of user values over the chart's: maps merge, a null removes the key, the rest replaces."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return copy.deepcopy(override)
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge(merged.get(key), value) if key in merged else copy.deepcopy(value)
    return merged


def ours() -> dict:
    values = yaml.safe_load((DEPLOY / "values.yaml").read_text())
    # --set-file singleuser.extraFiles.nbgrader-config.stringData=deploy/nbgrader_config.py
    values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"] = (DEPLOY / "nbgrader_config.py").read_text()
    return values


def validate(values: dict) -> list[str]:
    schema = json.loads((CHART / "values.schema.json").read_text())
    merged = merge(yaml.safe_load((CHART / "values.yaml").read_text()), values)
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(merged)]


@pytest.fixture(scope="module")
def nbgrader_config():
    config = PyFileConfigLoader(str(DEPLOY / "nbgrader_config.py")).load_config()
    return config.Exchange.root, config.CourseDirectory.course_id, config


def test_the_values_validate_against_the_charts_schema():
    assert validate(ours()) == []


def test_the_schema_check_can_fail():
    values = ours()
    values["singleuser"]["storage"]["extraVolumeMount"] = {}  # a typo Helm would refuse
    del values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"]  # --set-file forgotten
    errors = validate(values)
    assert any("extraVolumeMount" in e for e in errors) and any("nbgrader-config" in e for e in errors), errors


def test_the_chart_version_is_the_vendored_one():
    assert f"--version {CHART_VERSION}" in (DEPLOY / "values.yaml").read_text()
    assert f"chart `jupyterhub` **{CHART_VERSION}**" in (CHART / "README.md").read_text()


def test_the_nbgrader_config_uses_the_plugin_for_every_step(nbgrader_config):
    _root, course, config = nbgrader_config
    assert course == "project-to-product"
    assert {trait: config.ExchangeFactory[trait] for trait in learnerexchange.PLUGINS} == {
        trait: f"workshop_utils.learnerexchange.{name}" for trait, name in learnerexchange.PLUGINS.items()}
    mount = ours()["singleuser"]["extraFiles"]["nbgrader-config"]["mountPath"]
    assert mount == "/etc/jupyter/nbgrader_config.py"  # on every image's Jupyter config path


def test_a_learners_pod_mounts_outbound_read_only_and_only_its_own_folders(nbgrader_config):
    root, course, _config = nbgrader_config
    storage = ours()["singleuser"]["storage"]
    claim = storage["extraVolumes"]["exchange"]["persistentVolumeClaim"]["claimName"]
    mounts = [m for m in storage["extraVolumeMounts"].values() if m["name"] == "exchange"]
    me = "{username}"
    expected = {learnerexchange.outbound(root, course): True,
                learnerexchange.inbound(root, course, me): False,
                learnerexchange.feedback(root, course, me): True}
    assert {m["mountPath"]: m.get("readOnly", False) for m in mounts} == expected
    for m in mounts:  # the same folder of the volume as in the pod: the volume's root is the exchange's root
        assert m["subPath"] == str(Path(m["mountPath"]).relative_to(root))
    assert claim == "nbgrader-exchange"
    # The init container hands over exactly the learner's two folders, nothing else of the volume.
    init = ours()["singleuser"]["initContainers"][0]
    assert sorted(m["subPath"] for m in init["volumeMounts"]) == sorted(
        m["subPath"] for m in mounts if not m["subPath"].startswith(learnerexchange.OUTBOUND))


def test_hub_user_names_are_the_learners_folder_names():
    pattern = ours()["hub"]["config"]["Authenticator"]["username_pattern"]
    assert pattern == learnerexchange.LEARNER_ID
    # KubeSpawner 7's "safe" {username} keeps a name as it is when it is a valid object name (a lower-case
    # letter first, lower-case letters, digits and '-', a letter or digit last), has no '--' and at most 48
    # characters; otherwise it adds a hash, and the mount would not be the plugin's folder.
    kept = re.compile(r"^[a-z]([a-z0-9-]*[a-z0-9])?$")
    for name in ["ana", "ben-2", "carla-de-souza", "a" * 48, "a" * 49, "Ana", "ana--b", "ana-", "9ana", "ana.b"]:
        if learnerexchange.valid_learner(name):
            assert kept.match(name) and "--" not in name and len(name) <= 48, name


def test_the_formgrader_is_a_hub_service_open_to_its_group_only():
    values = ours()
    service = values["hub"]["services"][SERVICE]
    assert service["url"] == f"http://{SERVICE}:8888"
    roles = values["hub"]["loadRoles"]
    assert roles["formgrade-project-to-product"]["scopes"] == [f"access:services!service={SERVICE}"]
    assert roles["formgrade-project-to-product"]["groups"] == ["formgrade-project-to-product"]
    assert "formgrade-project-to-product" in values["hub"]["config"]["JupyterHub"]["load_groups"]
    assert not any("admin" in scope for role in roles.values() for scope in role["scopes"])


def test_the_formgraders_pod_agrees_with_the_values(nbgrader_config):
    root, _course, _config = nbgrader_config
    manifests = yaml.safe_load_all((DEPLOY / "formgrader.yaml").read_text())
    documents = {(d["kind"], d["metadata"]["name"]): d for d in manifests}
    claim = documents[("PersistentVolumeClaim", "nbgrader-exchange")]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert documents[("Service", SERVICE)]["spec"]["ports"][0]["port"] == 8888
    pod = documents[("Deployment", SERVICE)]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    env = {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"] == SERVICE
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"] == {"name": "hub", "key": f"hub.services.{SERVICE}.apiToken"}
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == f"/services/{SERVICE}/"
    volumes = {v["name"]: v for v in pod["volumes"]}
    exchange = next(m for m in container["volumeMounts"] if m["name"] == "exchange")
    assert exchange["mountPath"] == root and "subPath" not in exchange  # the instructor's side sees it all
    assert volumes["exchange"]["persistentVolumeClaim"]["claimName"] == "nbgrader-exchange"
    image = ours()["singleuser"]["image"]
    assert container["image"] == f"{image['name']}:{image['tag']}"


def test_the_image_leaves_out_solutions_and_instructor_notes():
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert {"solutions/", "instructor/", "graded/", "submitted/"} <= set(ignored)
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "environment.yml" in dockerfile


def test_memory_guarantee_covers_a_learners_kernel_and_server():
    guarantee = ours()["singleuser"]["memory"]["guarantee"]
    assert guarantee.endswith("M") and int(guarantee[:-1]) >= 245 + 170  # measured on the one-server hub


def test_the_formgraders_init_makes_the_course_folders_learners_mount(nbgrader_config):
    _root, course, _config = nbgrader_config
    manifests = yaml.safe_load_all((DEPLOY / "formgrader.yaml").read_text())
    pod = next(d for d in manifests if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    command = pod["initContainers"][0]["command"][-1]
    for kind in (learnerexchange.OUTBOUND, learnerexchange.INBOUND, learnerexchange.FEEDBACK):
        assert command.count(f"{kind}/{course}") == 2, command  # made, and handed to the image's user
