import os
from unittest import TestCase, mock

from django.core.exceptions import ImproperlyConfigured

from kamrat.core import env


class EnvTestCase(TestCase):
    def test_bool_reads_common_spellings_and_refuses_others(self) -> None:
        with mock.patch.dict(os.environ, {"FLAG": "Yes"}):
            self.assertTrue(env.env_bool("FLAG"))
        with mock.patch.dict(os.environ, {"FLAG": "off"}):
            self.assertFalse(env.env_bool("FLAG", True))
        with mock.patch.dict(os.environ, {"FLAG": "maybe"}):
            with self.assertRaises(ImproperlyConfigured):
                env.env_bool("FLAG")

    def test_int_refuses_words(self) -> None:
        with mock.patch.dict(os.environ, {"N": "twelve"}):
            with self.assertRaises(ImproperlyConfigured):
                env.env_int("N", 1)

    def test_secret_reads_a_file(self) -> None:
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".txt") as handle:
            handle.write("from-a-file\n")
            handle.flush()
            with mock.patch.dict(os.environ, {"TOKEN_FILE": handle.name}):
                self.assertEqual(env.env_secret("TOKEN"), "from-a-file")

    def test_bad_database_url_fails_loudly(self) -> None:
        with mock.patch.dict(os.environ, {"DATABASE_URL": "nonsense://x"}):
            with self.assertRaises(ImproperlyConfigured):
                env.env_db("DATABASE_URL", "sqlite:///x.db")

    def test_list_splits_on_commas(self) -> None:
        with mock.patch.dict(os.environ, {"HOSTS": "a.example, b.example,,"}):
            self.assertEqual(env.env_list("HOSTS"), ["a.example", "b.example"])
