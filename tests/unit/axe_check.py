"""Running axe-core over a page in headless Chromium, offline: the page is copied with axe's script
and a few lines that write axe's result into the DOM, Chromium loads it from the file and dumps the
DOM once its virtual time runs out, and the result is read back from that dump.

Needs the Debian ``chromium`` package and ``build/axe/node_modules/axe-core`` (both installed by
``.ci/browser-check-deps.sh``, which ``make test`` runs).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUNNER = """
<script>{axe}</script>
<script>
axe.run(document, {{runOnly: {{type: "tag", values: {tags}}}, resultTypes: ["violations"]}}).then(function (r) {{
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify({{violations: r.violations.map(function (v) {{
    return {{id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) {{
      return {{target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary}};
    }})}};
  }}), passes: r.passes.length}});
  document.body.appendChild(out);
}}, function (e) {{
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify({{error: String(e)}});
  document.body.appendChild(out);
}});
</script>
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def available() -> bool:
    return chromium() is not None and AXE.is_file()


def _run(args: list[str], timeout: float) -> str:
    env = {**os.environ, "HOME": os.environ.get("HOME", "/tmp")}
    done = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--disable-extensions", "--disable-background-networking", *args],
                          capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    return done.stdout


def axe_violations(page: Path, work: Path, tags: list[str] = WCAG_22_AA) -> dict:
    """axe-core's violations on ``page`` (an HTML file) at ``tags``: {"violations": [...], "passes": n}."""
    text = page.read_text(encoding="utf-8")
    runner = RUNNER.format(axe=AXE.read_text(encoding="utf-8"), tags=json.dumps(tags))
    checked = work / "axe_page.html"
    checked.write_text(text.replace("</body>", runner + "</body>"), encoding="utf-8")
    dom = _run(["--virtual-time-budget=60000", f"--user-data-dir={work / 'profile'}", "--dump-dom",
                checked.as_uri()], timeout=180)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    if found is None:
        raise AssertionError(f"axe wrote no result; Chromium's DOM ends: {dom[-500:]!r}")
    return json.loads(html.unescape(found.group(1)))


def screenshot(page: Path, out: Path, work: Path, size: str = "1280,2400") -> Path:
    """A PNG of the top of ``page`` as Chromium draws it."""
    _run([f"--window-size={size}", f"--user-data-dir={work / 'profile'}", f"--screenshot={out}", page.as_uri()],
         timeout=120)
    return out
