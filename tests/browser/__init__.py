"""Real-browser tests: JupyterLab in headless Chromium (pytest -m browser)."""
