# Two commands matter: `make lab` opens the lessons, `make test` runs the whole suite.
# Both create .venv and install on first use (and again whenever pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
JOBS   ?= 2
# Jupyter refuses to run as root unless told it may (containers, CI machines).
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab test tidy release grade student-bundle links data bench lock clean

$(VENV)/.installed-base: pyproject.toml constraints.txt scripts/install-venv.sh
	VENV=$(VENV) PYTHON=$(PYTHON) bash scripts/install-venv.sh
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt scripts/install-venv.sh
	VENV=$(VENV) PYTHON=$(PYTHON) bash scripts/install-venv.sh test
	touch $@ $(VENV)/.installed-base

# Serve the whole repository (lessons link to README.md and data/) and open lesson 00 first.
FIRST_LESSON := notebooks/00-Start-Here.ipynb
# .venv/bin goes first on the PATH, so that `pytest` in a JupyterLab terminal is this environment's.
lab: $(VENV)/.installed-base
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(FIRST_LESSON)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

# Regenerate the generated parts of the notebooks (navigation) and strip outputs and metadata.
tidy: $(VENV)/.installed-base
	$(BIN)/python -m coursekit.housekeeping

# Write the students' exercises/ from the master notebooks in solutions/ (never edit exercises/
# by hand), then tidy, which also links each lesson to its released exercise.
release: $(VENV)/.installed-base
	$(BIN)/python -m coursekit.housekeeping
	$(BIN)/python -m coursekit.release
	$(BIN)/python -m coursekit.housekeeping

# Grade a folder of submitted exercises into a gradebook, free-text answers to mark and one feedback
# file per student (README, "For teachers: grading"), e.g. `make grade SUBMISSIONS=~/Downloads/ex03`;
# any other option of the grader goes in ARGS, e.g. ARGS="--exercise 03 --cell-timeout 60".
SUBMISSIONS ?= submissions
OUT         ?= grades/grades.csv
FEEDBACK    ?= grades/feedback
ARGS        ?=
grade: $(VENV)/.installed-base
	$(BIN)/python -m coursekit.grading "$(SUBMISSIONS)" --out "$(OUT)" --feedback "$(FEEDBACK)" --jobs $(JOBS) $(ARGS)

# A zip of the lessons, the exercises and the data without solutions/, for courses where the
# reference answers stay with the teacher: dist/welcome-to-the-usa-students.zip.
student-bundle: $(VENV)/.installed-base
	$(BIN)/python -m coursekit.bundle

# nbgitpuller links for a university JupyterHub, one per lesson and exercise:
# `make links HUB=https://hub.example.edu` (README, "Launch it for a class").
HUB ?=
links: $(VENV)/.installed-base
	@test -n "$(HUB)" || { echo 'Name your JupyterHub: make links HUB=https://hub.example.edu' >&2; exit 2; }
	$(BIN)/python -m coursekit.links --hub "$(HUB)"

# Recompute the table columns derived from the texts (who is mentioned where, quotation offsets)
# after editing a CSV in data/; load_table refuses a table whose derived columns are stale.
data: $(VENV)/.installed-base
	$(BIN)/python -m coursekit.computed

# Measure (never in tests) every figure of issue 9 next to its floor, in one run of about ten
# minutes, and write the table into benchmarks/README.md: a fresh clone's install (uv against pip),
# each lesson's run-all and first chart, executed sizes, the suite by layer, the grader against
# nbgrader (installed from PyPI into a temporary venv), explorer updates and widgets in chromium.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench.py

# Re-resolve the lock (for all platforms, Python 3.11+) after changing pyproject.toml: versions
# already locked are kept where they still fit; `make lock LOCK_ARGS=--upgrade` takes the newest
# allowed ones. Then install what it chose and pin the same versions in environment.yml for
# Binder; run `make test` and commit the three files.
LOCK_ARGS ?=
lock: $(VENV)/.installed-test
	$(BIN)/python -m uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--no-header --quiet $(LOCK_ARGS) -o constraints.txt
	VENV=$(VENV) PYTHON=$(PYTHON) bash scripts/install-venv.sh test
	$(BIN)/python -m coursekit.pins

clean:
	rm -rf $(VENV) build src/*.egg-info
