// A mailbox's history as dated touches (issue 15): the messages between the person and each
// correspondent, folded into one touch per thread and day, with who wrote that day's first
// message as the initiator. Mail that no person wrote (lists, automatic messages, no-reply
// senders, spam) and mail between other people only are left out, each counted; a message seen
// twice (the same Message-ID, in two folders or two imports) counts once. Memory grows with the
// number of personal threads and correspondents, not with the mailbox's size: message ids and
// thread keys are kept as 64-bit hashes.
#pragma once

#include "core/date.hpp"
#include "core/model.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ties {

struct MailPerson {
    std::string email;  // lower-case
    std::string name;   // as the message gave it ("" when it did not)
};

struct MailItem {
    Millis at = 0;
    MailPerson from;
    std::vector<MailPerson> to;  // To and Cc
    std::string id;              // Message-ID ("" when there is none)
    std::string thread;          // the thread's key: Gmail's thread id, else the oldest reference, else the id
    std::string automated;       // why no person wrote it, or ""
};

struct Correspondent {
    std::string email;
    std::string name;            // the name most messages gave them ("" when none did)
    std::size_t messages = 0;    // personal messages between you and them
    std::size_t from_them = 0;   // of which they wrote
    Millis first = 0, last = 0;
};

struct MailTouch {
    std::uint64_t thread = 0;           // hash of the thread's key (with date, a stable id for the touch)
    Date date;                          // the day, in the person's time zone
    std::int32_t minute_of_day = 0;     // of the day's first message
    std::vector<std::string> people;    // correspondents' emails, in the order they appeared
    Initiator initiator = Initiator::Unknown;  // who wrote the day's first message of the thread
    std::size_t messages = 0;           // that day, in that thread
};

// The person's time zone: its offset from UTC in minutes at a moment (summer time included),
// which decides the day and time of a touch.
using OffsetAt = std::function<std::int32_t(Millis utc)>;

class MailHistory {
public:
    // `me`: the person's own addresses (any case). `offset_minutes`: their time zone's offset from
    // UTC, the same all year, or `offset_at` it at each message's moment.
    MailHistory(const std::vector<std::string>& me, std::int32_t offset_minutes);
    MailHistory(const std::vector<std::string>& me, OffsetAt offset_at);

    void add(const MailItem& item);

    std::vector<MailTouch> touches() const;               // by date, then thread
    std::vector<Correspondent> correspondents() const;    // most messages first, then by address
    const Correspondent* correspondent(const std::string& email) const;

    std::size_t personal() const { return personal_; }            // messages that made touches
    std::size_t between_others() const { return between_others_; } // you were neither sender nor recipient
    std::size_t repeated() const { return repeated_; }             // a Message-ID seen before
    const std::map<std::string, std::size_t>& automated() const { return automated_; }  // by reason

private:
    struct Day {
        MailTouch touch;
        Millis first = 0;  // the earliest message so far (messages arrive in any order)
    };

    bool is_me(const std::string& email) const { return me_.count(email) > 0; }
    void count(const MailPerson& person, bool wrote, Millis at);

    std::unordered_set<std::string> me_;
    OffsetAt offset_at_;
    std::unordered_set<std::uint64_t> seen_;
    std::unordered_map<std::uint64_t, Day> days_;  // by hash of thread and day
    std::unordered_map<std::string, Correspondent> people_;
    std::unordered_map<std::string, std::map<std::string, std::size_t>> names_;  // email -> name -> times
    std::size_t personal_ = 0, between_others_ = 0, repeated_ = 0;
    std::map<std::string, std::size_t> automated_;
};

// The addresses most likely the person's own, offered in Settings: those that took part (as
// sender or recipient) in most of the personal-looking messages, with that count, most first; at
// equal counts, the one more lists and machines wrote to (they write to the mailbox's owner).
std::vector<std::pair<std::string, std::size_t>> likely_own_addresses(const std::vector<MailItem>& sample,
                                                                      std::size_t at_most = 3);

}  // namespace ties
