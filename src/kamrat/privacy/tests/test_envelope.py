from cryptography.fernet import Fernet
from django.test import SimpleTestCase, override_settings

from kamrat.privacy import envelope
from kamrat.privacy.envelope import EnvelopeError

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


class EnvelopeTestCase(SimpleTestCase):
    def test_sealed_text_opens_with_its_key_and_context(self) -> None:
        key = envelope.data_key_new()
        token = envelope.seal(key, "Jag är envis på ett bra sätt", context=b"plan:1")
        self.assertNotIn("envis", token)
        self.assertEqual(
            envelope.unseal(key, token, context=b"plan:1"),
            "Jag är envis på ett bra sätt",
        )

    def test_the_same_text_seals_differently_each_time(self) -> None:
        key = envelope.data_key_new()
        self.assertNotEqual(envelope.seal(key, "same"), envelope.seal(key, "same"))

    def test_another_key_or_context_does_not_open_it(self) -> None:
        key = envelope.data_key_new()
        token = envelope.seal(key, "secret", context=b"plan:1")
        with self.assertRaises(EnvelopeError):
            envelope.unseal(envelope.data_key_new(), token, context=b"plan:1")
        with self.assertRaises(EnvelopeError):
            envelope.unseal(key, token, context=b"plan:2")

    def test_a_changed_or_malformed_token_is_refused(self) -> None:
        key = envelope.data_key_new()
        token = envelope.seal(key, "secret")
        flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
        for bad in (flipped, "v1:", "v2:abcd", "plain text", "v1:!!!", "v1:AAAA"):
            with self.subTest(bad=bad), self.assertRaises(EnvelopeError):
                envelope.unseal(key, bad)

    def test_wrapped_key_round_trip_hides_the_key(self) -> None:
        key = envelope.data_key_new()
        self.assertEqual(len(key), 32)
        wrapped = envelope.data_key_wrap(key)
        self.assertNotIn(key.hex(), wrapped)
        self.assertEqual(envelope.data_key_unwrap(wrapped), key)

    def test_only_data_keys_are_wrapped(self) -> None:
        with self.assertRaises(EnvelopeError):
            envelope.data_key_wrap(b"short")

    def test_rewrap_moves_a_key_to_the_newest_master_key(self) -> None:
        key = envelope.data_key_new()
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
            wrapped = envelope.data_key_wrap(key)
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
            self.assertFalse(envelope.data_key_is_current(wrapped))
            rewrapped = envelope.data_key_rewrap(wrapped)
            self.assertTrue(envelope.data_key_is_current(rewrapped))
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
            self.assertEqual(envelope.data_key_unwrap(rewrapped), key)
            with self.assertRaises(EnvelopeError):
                envelope.data_key_unwrap(wrapped)
