// The messages of an mbox file (Gmail Takeout, Thunderbird, Apple Mail, Fastmail) or of one .eml
// message, read in slices of any size: the import worker hands a file of several gigabytes over a
// few megabytes at a time, and memory stays bounded whatever the size. Only the header fields that
// say who wrote to whom, when and in which thread are kept; bodies are stepped over unread.
#pragma once

#include "core/date.hpp"
#include "core/problem.hpp"
#include "io/mail_header.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io::mail {

struct Message {
    Address from;
    std::vector<Address> to;  // To and Cc
    Millis date = 0;          // the Date field; without a readable one, the mbox "From " line's
    std::string id;           // Message-ID, without brackets ("" when there is none)
    std::vector<std::string> thread;  // References, then In-Reply-To (each id once), oldest first
    std::string gmail_thread;         // X-GM-THRID: Gmail's own thread, when it says so
    // Mail that is no person writing to another, and why: a list (List-Id, Precedence bulk, list
    // or junk), an automatic message (Auto-Submitted other than "no", X-Autoreply), a no-reply
    // sender, or mail Gmail filed as spam or trash.
    std::string automated;
    std::size_t line = 0;  // where its headers start in the file, 1-based
};

// Reads an mbox in slices. Messages are separated by a "From " line of the shape every writer
// uses, "From sender Thu Dec  3 13:05:09 2026" (Gmail Takeout, Thunderbird, Apple Mail, mutt),
// or by any other "From " line after an empty line when header fields follow it; a body line
// that starts with "From " is no separator then, even unescaped. A file that starts with header fields instead is one message (.eml). Lines end in
// LF or CRLF. A message is skipped, and counted with the reason, when it has no sender, no date
// in its Date field or its "From " line, or headers longer than kMaxHeaderBytes.
class MboxReader {
public:
    static constexpr std::size_t kMaxHeaderBytes = 256 * 1024;

    explicit MboxReader(std::function<void(Message&&)> on_message);

    void feed(std::string_view slice);
    void finish();  // the end of the file: the last message is handed over

    // "empty file" or "not an mbox file ..." once the first line has shown it; nothing else is
    // then read.
    const std::optional<Problem>& error() const { return error_; }
    std::size_t messages() const { return messages_; }  // handed over
    std::size_t skipped() const { return skipped_; }
    // Why messages were skipped, one sentence per reason with its count ("3 messages had no date").
    std::vector<std::string> skipped_reasons() const;
    std::size_t bytes() const { return bytes_; }

private:
    enum class State { Start, Headers, Body, Failed };

    void line(std::string_view text, bool cut);
    void separator(std::string_view text);
    void end_of_headers();

    std::function<void(Message&&)> on_message_;
    State state_ = State::Start;
    std::string carry_;        // the start of a line that continues in the next slice
    bool carry_cut_ = false;   // carry_ holds only the start of a longer line
    std::string headers_;      // the current message's header block
    bool headers_cut_ = false; // longer than kMaxHeaderBytes
    std::optional<Millis> from_line_date_;
    std::size_t message_line_ = 0;
    std::size_t line_number_ = 0;
    bool previous_empty_ = true;
    std::string pending_;      // a "From " line without a date, until the next line tells
    std::size_t bytes_ = 0;
    std::size_t messages_ = 0;
    std::size_t skipped_ = 0;
    std::size_t no_sender_ = 0, no_date_ = 0, too_long_ = 0;
    std::optional<Problem> error_;
};

// Whether an address is a machine's that nobody reads (noreply@, no-reply@, donotreply@,
// mailer-daemon@, postmaster@, bounce...@, notifications@).
bool is_no_reply(std::string_view email);

}  // namespace ties::io::mail
