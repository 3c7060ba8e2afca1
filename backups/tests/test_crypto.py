import pytest

from backups import crypto


@pytest.mark.parametrize("size", [0, 10, crypto.CHUNK_SIZE, 2 * crypto.CHUNK_SIZE + 5])
def test_round_trip_over_chunks(tmp_path, size):
    key = crypto.parse_key(crypto.new_key())
    plain = tmp_path / "plain"
    plain.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    crypto.encrypt_file(key, plain, tmp_path / "sealed")
    if size:
        assert plain.read_bytes()[:64] not in (tmp_path / "sealed").read_bytes()
    crypto.decrypt_file(key, tmp_path / "sealed", tmp_path / "opened")
    assert (tmp_path / "opened").read_bytes() == plain.read_bytes()


def test_wrong_key_and_cut_file_are_refused(tmp_path):
    key = crypto.parse_key(crypto.new_key())
    (tmp_path / "plain").write_bytes(b"a" * (crypto.CHUNK_SIZE + 10))
    crypto.encrypt_file(key, tmp_path / "plain", tmp_path / "sealed")
    with pytest.raises(crypto.BackupKeyError, match="wrong key"):
        crypto.decrypt_file(crypto.parse_key(crypto.new_key()), tmp_path / "sealed", tmp_path / "out")
    sealed = (tmp_path / "sealed").read_bytes()
    # Dropping the last chunk leaves a file whose end is not marked: refused, not silently short.
    (tmp_path / "cut").write_bytes(sealed[: len(crypto.MAGIC) + 8 + 5 + crypto.CHUNK_SIZE + 16])
    with pytest.raises(crypto.BackupKeyError, match="cut short"):
        crypto.decrypt_file(key, tmp_path / "cut", tmp_path / "out")


@pytest.mark.parametrize("text", ["not base64 !", "c2hvcnQ="])
def test_malformed_key_is_refused(text):
    with pytest.raises(crypto.BackupKeyError):
        crypto.parse_key(text)
