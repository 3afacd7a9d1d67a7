// Backup files read back strictly, and the encrypted backup's layout.
#include "io/backup.hpp"
#include "io/codec.hpp"
#include "io/crypto_format.hpp"
#include "io/envelope.hpp"

#include "io_fixtures.hpp"

#include <doctest/doctest.h>

using namespace ties;
using namespace ties::io;

TEST_CASE("a backup reads back into the store it was made from, tombstones included") {
    const Store store = test::golden_store();
    const BackupRead read = read_backup(backup_bytes(store));
    INFO(to_string(read.error));
    REQUIRE(read.ok());
    CHECK_FALSE(read.encrypted);
    test::check_same_store(read.store, store);
    CHECK_FALSE(read.store.has_unsaved());
    CHECK_FALSE(read.store.can_undo());
}

TEST_CASE("a damaged, foreign or partial backup is refused with a message") {
    const std::string good = backup_bytes(test::golden_store());
    CHECK(to_string(read_backup("").error) == "the file is empty");
    CHECK_FALSE(read_backup(good.substr(0, good.size() / 2)).ok());
    std::string flipped = good;
    flipped[good.size() - 10] ^= 0x20;
    const BackupRead tampered = read_backup(flipped);
    CHECK_FALSE(tampered.ok());
    CHECK(to_string(tampered.error).find("checksum") != std::string::npos);
    CHECK_FALSE(read_backup("BEGIN:VCARD\r\nEND:VCARD\r\n").ok());

    const BackupRead journal = read_backup(wrap(FileKind::Journal, encode(Payload{})));
    CHECK(to_string(journal.error) == "not a backup (a journal holds only part of the data)");

    Payload twice;
    twice.records = {test::full_contact(1), test::full_contact(1)};
    CHECK(to_string(read_backup(wrap(FileKind::Backup, encode(twice))).error).find("is used twice") != std::string::npos);

    const BackupRead encrypted = read_backup(wrap(FileKind::EncryptedBackup, "x"));
    CHECK(encrypted.encrypted);
    CHECK_FALSE(encrypted.ok());
}

TEST_CASE("encrypted backup layout: iterations, salt, IV, ciphertext; bounds on the iterations") {
    const std::string salt(kSaltSize, 's'), iv(kIvSize, 'i'), cipher(40, 'c');
    const std::string payload = join_encrypted(kPbkdf2Iterations, salt, iv, cipher);
    std::string error;
    const auto parts = split_encrypted(payload, error);
    REQUIRE(parts);
    CHECK(parts->iterations == 600'000);
    CHECK(parts->salt == salt);
    CHECK(parts->iv == iv);
    CHECK(parts->ciphertext == cipher);

    CHECK_FALSE(split_encrypted(payload.substr(0, 20), error));
    CHECK(error == "the encrypted backup is too short to hold any data");
    CHECK_FALSE(split_encrypted(join_encrypted(1000, salt, iv, cipher), error));
    CHECK(error.find("asks for 1000 key derivation rounds") != std::string::npos);
    CHECK_FALSE(split_encrypted(join_encrypted(0xFFFFFFFF, salt, iv, cipher), error));
}
