# make run   set up .venv if needed and open the app on the demo pack
# make test  set up .venv if needed and run the whole test suite headless
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export PYQTGRAPH_QT_LIB := PySide6

.PHONY: run test fuzz lint bench samples demo dist dist-check clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	bash .ci/qt-system-deps.sh $(PY)
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/memberpack

test: $(STAMP)
	bash .ci/browser-check-deps.sh  # chromium and axe-core for the HTML briefing's accessibility test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n 2  # two workers: much of the suite waits on reader processes
	$(VENV)/bin/lint-imports

# make fuzz  the import fuzz test for 15 minutes (MEMBERPACK_FUZZ_SEED=N for another sequence)
fuzz: $(STAMP)
	MEMBERPACK_FUZZ_SECONDS=$${MEMBERPACK_FUZZ_SECONDS:-900} QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s \
		tests/unit/test_fuzz_imports.py

lint: $(STAMP)
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) benchmarks/import_bench.py
	$(PY) benchmarks/real_files_bench.py
	$(PY) benchmarks/awkward_bench.py
	$(PY) benchmarks/open_stats_bench.py
	$(PY) benchmarks/pdf_bench.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup_bench.py

samples: $(STAMP)
	$(PY) samples/make_samples.py

demo: $(STAMP)
	rm -f demo.mpack && $(VENV)/bin/memberpack demo demo.mpack

# The self-contained app folder (PyInstaller, resources/packaging/memberpack.spec): build/dist/memberpack/
dist: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath build/dist --workpath build/pyinstaller \
		resources/packaging/memberpack.spec
	@du -sh build/dist/memberpack

# Build the app folder, then run the bundled executable with no Python on PATH (resources/packaging/smoke.py)
dist-check: dist
	$(PY) resources/packaging/smoke.py build/dist/memberpack/memberpack-cli --against-source
	home=$$(mktemp -d) && HOME=$$home sh resources/packaging/linux/install.sh build/dist/memberpack >/dev/null \
		&& env -i HOME=$$home PATH=/var/empty $$home/.local/bin/memberpack --version && rm -rf $$home

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
