// Icon glyphs from Fork Awesome (Debian's fonts-fork-awesome), merged into the UI font.
// CMakeLists.txt reads the \uXXXX escapes below to subset the icon font: add an icon here and
// it is in the next build.
#pragma once

namespace ties::icons {

inline constexpr const char* kToday = "\uf274";          // calendar-check-o
inline constexpr const char* kContacts = "\uf0c0";       // users
inline constexpr const char* kTimeline = "\uf1da";       // history
inline constexpr const char* kEvents = "\uf2b5";         // handshake-o
inline constexpr const char* kOpportunities = "\uf0b1";  // briefcase
inline constexpr const char* kInsights = "\uf080";       // bar-chart
inline constexpr const char* kMap = "\uf279";            // map
inline constexpr const char* kAsk = "\uf0a1";            // bullhorn
inline constexpr const char* kMail = "\uf003";           // envelope-o
inline constexpr const char* kCopy = "\uf0c5";           // files-o (copy)
inline constexpr const char* kSettings = "\uf013";       // cog
inline constexpr const char* kSearch = "\uf002";         // search
inline constexpr const char* kDark = "\uf186";           // moon-o
inline constexpr const char* kLight = "\uf185";          // sun-o
inline constexpr const char* kSystem = "\uf108";         // desktop
inline constexpr const char* kInfo = "\uf05a";           // info-circle
inline constexpr const char* kWarning = "\uf071";        // exclamation-triangle
inline constexpr const char* kReturn = "\uf149";         // level-down
inline constexpr const char* kLock = "\uf023";           // lock
inline constexpr const char* kCheck = "\uf00c";          // check
inline constexpr const char* kSync = "\uf021";           // refresh
inline constexpr const char* kUndo = "\uf0e2";           // undo (rotate-left)
inline constexpr const char* kRedo = "\uf01e";           // repeat (rotate-right)
inline constexpr const char* kMessage = "\uf0e5";        // comment-o
inline constexpr const char* kPhone = "\uf095";          // phone
inline constexpr const char* kCoffee = "\uf0f4";         // coffee
inline constexpr const char* kGift = "\uf06b";           // gift
inline constexpr const char* kClock = "\uf017";          // clock-o
inline constexpr const char* kArchive = "\uf187";        // archive
inline constexpr const char* kCalendar = "\uf133";       // calendar-o
inline constexpr const char* kLeaf = "\uf06c";           // leaf: a new tie
inline constexpr const char* kFlag = "\uf024";           // flag: a follow-up
inline constexpr const char* kCaretDown = "\uf0d7";      // caret-down: opens a menu
inline constexpr const char* kCaretRight = "\uf0da";     // caret-right: a closed group of a list

}  // namespace ties::icons
