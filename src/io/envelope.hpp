// Every file Ties writes is an envelope around a payload: magic, format version, kind, payload
// length and CRC-32, so a truncated, corrupted or foreign file is recognised before any parser
// sees it, and a file from a newer Ties is refused instead of half-read.
//
// Layout (little-endian): "TIES" 0x00 0x0D 0x0A 0x1A | u32 format version | u32 kind |
//                         u64 payload length | u32 CRC-32 of payload | payload
#pragma once

#include "core/problem.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ties::io {

// The format version says how the payload is written: 1, JSON (codec.hpp's encode; backups, and
// stores written before binary snapshots); 2, the binary archive (encode_binary; the store's own
// snapshots and journals). A reader takes every version up to kFormatVersion.
inline constexpr std::uint32_t kJsonPayload = 1;
inline constexpr std::uint32_t kBinaryPayload = 2;
inline constexpr std::uint32_t kFormatVersion = kBinaryPayload;
inline constexpr std::size_t kEnvelopeHeaderSize = 28;

// An EncryptedBackup's payload is described in crypto_format.hpp: it wraps a whole Backup file.
// SyncSealed: a file in a sync vault (sync_format.hpp); SyncState: this device's side of it (sync.hpp).
enum class FileKind : std::uint32_t {
    Snapshot = 1, Journal = 2, Backup = 3, EncryptedBackup = 4, SyncSealed = 5, SyncState = 6
};

std::uint32_t crc32(std::string_view bytes);

std::string wrap(FileKind kind, std::string_view payload, std::uint32_t format_version = kJsonPayload);

struct Unwrapped {
    std::optional<Problem> error;  // for people: "truncated: expected 1200 bytes of data, found 800"
    bool ok() const { return !error; }
    FileKind kind = FileKind::Snapshot;
    std::uint32_t format_version = 0;
    std::string_view payload;   // points into the input
};

// Never throws. Checks magic, version (newer => error naming both versions), kind, exact length
// and checksum.
Unwrapped unwrap(std::string_view bytes);

}  // namespace ties::io
