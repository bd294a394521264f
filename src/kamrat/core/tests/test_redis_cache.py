"""Production keeps sessions, home pages and lockout counters in Redis."""

from django.core.cache import caches
from django.test import SimpleTestCase, override_settings

from kamrat.core.env import env_str

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("KAMRAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "KEY_PREFIX": "kamrat-test",
    }
}


@override_settings(CACHES=REDIS)
class RedisCacheTests(SimpleTestCase):
    def test_the_pinned_client_talks_to_a_real_server(self) -> None:
        cache = caches["default"]
        cache.delete_many(["probe", "probe-count"])
        cache.set("probe", {"answer": 42}, timeout=30)
        self.assertEqual(cache.get("probe"), {"answer": 42})
        self.assertTrue(cache.add("probe-count", 0, timeout=30))
        self.assertEqual(cache.incr("probe-count"), 1)
        cache.delete_many(["probe", "probe-count"])
        self.assertIsNone(cache.get("probe"))
