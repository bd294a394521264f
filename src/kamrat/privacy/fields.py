from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text a person wrote for themself: stored encrypted, read back as plain text.

    Encrypted values cannot be searched or filtered on, by design.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)
