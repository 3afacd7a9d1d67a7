// Contacts and conversations from an X (Twitter) archive's data/ folder. Each file there is
// JavaScript: `window.YTD.<name>.partN = ` and a JSON array. Read: account.js (who you are: never
// imported as a contact), following.js and follower.js (one contact per account, in that order),
// tweets.js (names, handles and dated conversations); "-partN" files of each are read in part
// order; every other file is ignored, so the whole folder can be given.
//
// Contacts: following.js and follower.js hold only account ids and links, so names and handles
// come from the tweets that mention or reply to the account (the first seen wins). display_name
// is the name, else "@screen_name", else "X account <id>"; the handle is X "@screen_name", else
// the account's userLink. Tags "x-following" and/or "x-follower"; both also give "x-mutual". The
// notes say so and keep the account id: "On X (account 783214): you follow each other."
//
// Interactions: one per tweet of yours that replies to or mentions people who became contacts
// (retweets, "RT @...", are not conversations): OnlineConversation, initiator Me, those people
// as participants (replied-to first, then mentions in order), notes the tweet's text (trimmed,
// &amp; &lt; &gt; decoded), date the UTC day of created_at ("Wed Mar 13 10:00:00 +0000 2024");
// no time of day, since the archive has no local time.
//
// RapidJSON's SAX reader (iterative, so no recursion), one record at a time: memory stays near
// the file's size; nesting deeper than kMaxXJsonDepth is refused.
#pragma once

#include "io/import.hpp"

#include <string>
#include <vector>

namespace ties::io {

inline constexpr std::size_t kMaxXJsonDepth = 64;

struct NamedFile {
    std::string name;   // as the user knows it, e.g. "data/tweets-part1.js"; the kind comes from its last part
    std::string bytes;
};

Imported import_x_archive(const std::vector<NamedFile>& files, const ImportContext& context);

}  // namespace ties::io
