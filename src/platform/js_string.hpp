// Strings coming back from JavaScript (Module.tiesPlatform.newString: UTF-8, malloc'ed in wasm
// memory) are taken through this one helper, which copies and frees them. Platform code only.
#pragma once

#include <string>

namespace ties::platform {

// Takes ownership of `text` (null: an empty string) and returns a copy.
std::string take_js_string(char* text);

}  // namespace ties::platform
