"""Writers take turns; a full or read-only disk and a bad instance get one clear sentence."""

import pytest
from builders import make_app
from child_process import finished, in_child, mount_namespace_available, run_python, with_mount
from sqlalchemy import func, select, text

from catalog import listing
from catalog.models import Publication, db

needs_mounts = pytest.mark.skipif(
    not mount_namespace_available(), reason="needs `unshare -rm` to mount a full or read-only disk"
)


def _bibliography(prefix: str, count: int, abstract_words: int = 20) -> str:
    abstract = " ".join(["words"] * abstract_words)
    return "".join(
        f"@misc{{{prefix}{n}, title={{Paper {prefix} {n}}}, author={{Ada Lovelace}},\n"
        f"  year={{2020}}, abstract={{{abstract} {n}}}}}\n"
        for n in range(count)
    )


def _import(instance, *paths, wrapper=()):
    """Start `flask --app app import PATH...` on the instance, in a process of its own."""
    return run_python(_import_source(instance, *paths), wrapper=wrapper)


def _papers(instance) -> int:
    app = make_app(instance)
    with app.app_context():
        return db.session.scalar(select(func.count(Publication.id)))


def test_two_imports_at_once_both_complete(tmp_path):
    instance = tmp_path / "instance"
    assert _papers(instance) == 0  # the schema exists before the race
    files = []
    for prefix in ("first", "second"):
        files.append(tmp_path / f"{prefix}.bib")
        files[-1].write_text(_bibliography(prefix, 400))
    imports = [_import(instance, path) for path in files]
    results = [finished(process) for process in imports]
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "400 added" in result.stdout
        assert "Traceback" not in result.stderr
    assert _papers(instance) == 800


@needs_mounts
def test_a_full_disk_gets_one_sentence_and_keeps_what_was_there(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    small = tmp_path / "small.bib"
    small.write_text(_bibliography("small", 3))
    big = tmp_path / "big.bib"
    big.write_text(_bibliography("big", 2000, abstract_words=200))
    # The whole instance lives on a 1 MB disk for the length of one process.
    script = f"""
        import subprocess, sys
        def run(source):
            return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)

        first = run({_import_source(instance, small)!r})
        second = run({_import_source(instance, big)!r})
        print(first.returncode, second.returncode)
        print(second.stdout, second.stderr, file=sys.stderr)
        count = run({_count_source(instance)!r})
        print(count.stdout.strip(), count.stderr[-2000:])
    """
    result = finished(run_python(script, wrapper=with_mount(str(instance), "tmpfs:1m")))
    codes, count = result.stdout.splitlines()[:2]
    assert codes == "0 1", result.stderr
    assert "the disk holding the site is full" in result.stderr
    assert "nothing was saved" in result.stderr
    assert "Traceback" not in result.stderr
    assert count.split()[0] == "3"


@needs_mounts
def test_a_read_only_instance_serves_pages_and_refuses_imports(tmp_path):
    instance = tmp_path / "instance"
    site = make_app(instance, LOAD_CONTENT_ON_FIRST_START=True, SECRET_KEY=None)
    assert site.test_client().get("/people/zhiming-zhou").status_code == 200
    with site.app_context():
        db.engine.dispose()  # as a copied or unmounted site is: its log written back
    paper = tmp_path / "paper.bib"
    paper.write_text(_bibliography("late", 1))
    read_only = with_mount(str(instance), "read-only")

    served = finished(
        run_python(
            f"""
            from app import create_app
            client = create_app({{}}, {str(instance)!r}).test_client()
            print([client.get(page).status_code for page in
                   ["/", "/people/zhiming-zhou", "/search?q=gan", "/feed.atom"]])
            """,
            wrapper=read_only,
        )
    )
    assert served.stdout.strip() == "[200, 200, 200, 200]", served.stderr
    assert "cannot be written" in served.stderr
    assert "Traceback" not in served.stderr

    refused = finished(_import(instance, paper, wrapper=read_only))
    assert refused.returncode == 1
    assert "cannot be written" in refused.stdout
    assert "nothing was saved" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr


def test_an_empty_secret_key_file_is_refused(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "secret_key").write_text("\n")
    with pytest.raises(SystemExit, match="secret_key is empty"):
        make_app(instance, SECRET_KEY="")
    started = in_child(
        f"from app import create_app; create_app({{'LOAD_CONTENT_ON_FIRST_START': False}}, "
        f"{str(instance)!r})"
    )
    assert started.returncode == 1
    assert started.stderr.strip().endswith(
        "delete it to have a new random key made, or write a key in it."
    )
    assert "Traceback" not in started.stderr


def _import_source(instance, *paths) -> str:
    return (
        "import sys, traceback\nfrom app import create_app\n"
        f"app = create_app({{'LOAD_CONTENT_ON_FIRST_START': False}}, {str(instance)!r})\n"
        "with app.app_context():\n"
        f"    result = app.test_cli_runner().invoke(args=['import', *{list(map(str, paths))!r}])\n"
        "print(result.output)\n"
        "if result.exception and not isinstance(result.exception, SystemExit):\n"
        "    traceback.print_exception(result.exception)\n"
        "sys.exit(result.exit_code)\n"
    )


def _count_source(instance) -> str:
    return (
        "from sqlalchemy import func, select\nfrom app import create_app\n"
        "from catalog.models import Publication, db\n"
        f"app = create_app({{'LOAD_CONTENT_ON_FIRST_START': False}}, {str(instance)!r})\n"
        "with app.app_context():\n"
        "    print(db.session.scalar(select(func.count(Publication.id))))\n"
    )


def test_an_instance_made_before_an_index_existed_gets_it_on_start(tmp_path):
    instance = tmp_path / "instance"
    with make_app(instance).app_context():
        db.session.execute(text("DROP INDEX ix_publication_link_publication_id"))
        db.session.commit()
    with make_app(instance).app_context():
        plan = db.session.execute(
            text("EXPLAIN QUERY PLAN SELECT * FROM publication_link WHERE publication_id = 1")
        ).all()
    assert "ix_publication_link_publication_id" in " ".join(str(row) for row in plan)


def test_deep_list_pages_read_the_order_from_one_index(tmp_path):
    instance = tmp_path / "instance"
    make_app(instance)
    with make_app(instance).app_context():  # a second start finds the index there
        deep = select(Publication.id).order_by(*listing.NEWEST_FIRST).limit(20).offset(5000)
        sql = deep.compile(db.engine)  # with its parameters bound, as the list sends it
        parameters = tuple(sql.params[name] for name in sql.positiontup)
        plan = db.session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
    steps = " ".join(str(row) for row in plan)
    assert "ix_publication_newest_first" in steps
    assert "TEMP B-TREE" not in steps  # no sort of whole rows
