// The Map section: see map_ui.hpp. [SECTION]s: Computing · The picture · The list · The page.
#include "ui/map_ui.hpp"

#include "core/text.hpp"

#include "ui/app_ui.hpp"
#include "ui/charts.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // SetItemKeyOwner: the wheel over the picture zooms, not scrolls the page

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace ties::ui {
namespace {

constexpr float kListWidth = 340.0f;     // the list beside the picture on a wide screen
constexpr float kSideBySideFrom = 820.0f;  // content width
constexpr float kMaxScale = 90.0f;       // pixels per unit (one person's space) at the closest
constexpr std::size_t kListedMembers = 50;  // in an opened cluster of the list, strongest first
constexpr std::size_t kProbedDots = 400;    // test mode: dots whose screen position is published

// --- Computing ---------------------------------------------------------------------------------

bool current(const MapUi& ui, const UiView& view) {
    return ui.key && *ui.key == MapUi::Key{view.store->version(), view.today};
}

// Works on the map for at most about `budget_ms` of this frame (see NetworkMapBuilder); true once
// the map for the store and the day is there. A change of either starts the work again.
bool advance(MapUi& ui, const UiView& view, double budget_ms) {
    const MapUi::Key key{view.store->version(), view.today};
    if (ui.key == key) return true;
    if (!ui.building || ui.building_key != key) {
        ui.building = std::make_unique<NetworkMapBuilder>(*view.store, outlook(view).stats, view.today);
        ui.building_key = key;
        ui.work_ms = ui.slowest_step_ms = ui.slowest_step_at = 0;
    }
    const auto start = std::chrono::steady_clock::now();
    const double from = ui.building->progress();
    const bool done = ui.building->step(Deadline(budget_ms));
    const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ui.work_ms += took;
    if (took > ui.slowest_step_ms) {
        ui.slowest_step_ms = took;
        ui.slowest_step_at = from;
    }
    if (!done) return false;
    ui.map = ui.building->take();
    ui.building.reset();
    ui.key = key;
    ui.computed_ms = ui.work_ms;
    if (ui.open_region && *ui.open_region >= ui.map.regions.size()) ui.open_region.reset();
    return true;
}

std::string region_label(const NetworkMap& map, const MapRegion& region) {
    return region.cluster == kNoCluster ? "Linked to nobody else" : map.clusters[region.cluster].label;
}

ImU32 with_alpha(ImU32 colour, float alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha * 255.0f) << IM_COL32_A_SHIFT);
}

ImU32 circle_colour(Tier tier, const Palette& p, bool dark) {
    return tier == Tier::None ? with_alpha(p.muted, 0.8f) : charts::series_colour(static_cast<int>(tier) - 1, dark);
}

// What the tooltip and the list say about a person.
std::string about(const NetworkMap& map, const MapPerson& person, const Contact& c) {
    std::string text = contact_label(c);
    if (c.tier != Tier::None) text += " \xc2\xb7 " + std::string(to_string(c.tier));
    char strength[32];
    std::snprintf(strength, sizeof strength, "%.2f", person.strength);
    text += "\nStrength " + std::string(strength) + "\n" + why_on_map(map, person);
    if (const std::string s = structure_sentence(person.links, person.effective_size); !s.empty()) text += "\n" + s;
    return text;
}

// --- The picture -------------------------------------------------------------------------------

struct Screen {
    ImVec2 origin, size;
    float centre_x, centre_y, scale;
    ImVec2 at(float x, float y) const {
        return ImVec2(origin.x + size.x * 0.5f + (x - centre_x) * scale, origin.y + size.y * 0.5f + (y - centre_y) * scale);
    }
    float plane_x(float sx) const { return centre_x + (sx - origin.x - size.x * 0.5f) / scale; }
    float plane_y(float sy) const { return centre_y + (sy - origin.y - size.y * 0.5f) / scale; }
};

float fit_scale(const MapUi& ui, ImVec2 size) {
    return std::max(0.05f, std::min(size.x, size.y) * 0.5f / std::max(4.0f, ui.map.extent * 1.04f));
}

// Zooms by `factor` keeping the plane's point under (sx, sy) where it is.
void zoom_at(MapUi& ui, const Screen& screen, float factor, float sx, float sy) {
    const float min_scale = fit_scale(ui, screen.size) * 0.5f;
    const float scale = std::clamp(ui.scale * factor, min_scale, kMaxScale);
    const float px = screen.plane_x(sx), py = screen.plane_y(sy);
    ui.centre_x = px - (sx - screen.origin.x - screen.size.x * 0.5f) / scale;
    ui.centre_y = py - (sy - screen.origin.y - screen.size.y * 0.5f) / scale;
    ui.scale = scale;
}

float dot_radius(const MapPerson& person, float scale) {
    return std::max(1.5f, scale * (0.14f + 0.24f * static_cast<float>(person.strength)));
}

void zoom_buttons(MapUi& ui, const Palette& p, bool narrow, UiIntents& out) {
    ButtonRow row;
    if (row.button("+##map.zoom_in", "map.zoom_in") && ui.scale > 0) ui.scale = std::min(kMaxScale, ui.scale * 1.5f);
    if (row.button("\xe2\x88\x92##map.zoom_out", "map.zoom_out") && ui.scale > 0) ui.scale /= 1.5f;
    if (row.button("Fit##map.fit", "map.fit")) ui.scale = 0;
    if (narrow && row.primary(p, ui.list_only ? "Show the map##map.toggle" : "Show the list##map.toggle", "map.toggle"))
        ui.list_only = !ui.list_only;
    if (row.button("Export for Gephi or NetworkX (GraphML)##map.export", "map.export")) out.export_file = io::ExportFormat::Graph;
    tooltip("The people, their clusters and links as a GraphML file, for Gephi, NetworkX, yEd or Cytoscape");
}

void draw_picture(MapUi& ui, const UiView& view, const Palette& p, ImVec2 size, UiIntents& out) {
    const NetworkMap& map = ui.map;
    const Store& store = *view.store;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##map.canvas", size, ImGuiButtonFlags_MouseButtonLeft);
    probe::item("map.canvas");
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && hovered &&
                         !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left);
    if (hovered) ImGui::SetItemKeyOwner(ImGuiKey_MouseWheelY);  // the page does not scroll under the map

    if (ui.scale <= 0) {
        ui.scale = fit_scale(ui, size);
        ui.centre_x = ui.centre_y = 0;
    }
    if (ui.focus) {
        if (const MapPerson* person = map.person(*ui.focus)) {
            ui.centre_x = person->x;
            ui.centre_y = person->y;
            ui.scale = std::max(ui.scale, 28.0f);
        }
        ui.focus.reset();
    }
    Screen screen{origin, size, ui.centre_x, ui.centre_y, ui.scale};
    const ImGuiIO& io = ImGui::GetIO();
    const bool touch_drag = view.touch_drag_x != 0 || view.touch_drag_y != 0;
    if (hovered && touch_drag) {  // a finger pans (its scrolling is taken by the map)
        ui.centre_x -= view.touch_drag_x / ui.scale;
        ui.centre_y -= view.touch_drag_y / ui.scale;
    } else if (hovered && io.MouseWheel != 0) {
        zoom_at(ui, screen, std::pow(1.25f, io.MouseWheel), io.MousePos.x, io.MousePos.y);
    }
    if (view.pinch != 1.0f && view.pinch_x >= origin.x && view.pinch_x <= origin.x + size.x &&
        view.pinch_y >= origin.y && view.pinch_y <= origin.y + size.y)
        zoom_at(ui, screen, view.pinch, view.pinch_x, view.pinch_y);
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
        ui.centre_x -= io.MouseDelta.x / ui.scale;
        ui.centre_y -= io.MouseDelta.y / ui.scale;
    }
    screen = Screen{origin, size, ui.centre_x, ui.centre_y, ui.scale};
    if (hovered && (ImGui::IsItemActive() || touch_drag)) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    dl->AddRectFilled(origin, end, p.card, 8.0f);
    dl->PushClipRect(origin, end, true);
    const bool dark = view.dark;

    // Regions, with their label where it fits.
    for (std::size_t r = 0; r < map.regions.size(); ++r) {
        const MapRegion& region = map.regions[r];
        const ImVec2 c = screen.at(region.x, region.y);
        const float radius = region.radius * ui.scale;
        if (c.x + radius < origin.x || c.x - radius > end.x || c.y + radius < origin.y || c.y - radius > end.y) continue;
        const ImU32 colour = region.cluster == kNoCluster ? p.muted : charts::series_colour(static_cast<int>(r % 6), dark);
        dl->AddCircleFilled(c, radius, with_alpha(colour, dark ? 0.16f : 0.10f));
        dl->AddCircle(c, radius, with_alpha(colour, 0.45f), 0, 1.0f);
        const std::string label = region_label(map, region);
        const ImVec2 text = ImGui::CalcTextSize(label.c_str());
        if (radius > 26.0f && text.x < radius * 2.6f)
            dl->AddText(ImVec2(c.x - text.x * 0.5f, c.y - radius - text.y - 2.0f), p.text, label.c_str());
    }

    // You, and a line to each bridge: your only way into their cluster.
    const ImVec2 you = screen.at(0, 0);
    for (const MapPerson& person : map.people)
        if (person.bridge) dl->AddLine(you, screen.at(person.x, person.y), with_alpha(p.warning, 0.55f), 1.5f);
    dl->AddCircleFilled(you, std::max(6.0f, 0.5f * ui.scale), p.accent);
    const ImVec2 you_text = ImGui::CalcTextSize("You");
    dl->AddText(ImVec2(you.x - you_text.x * 0.5f, you.y + std::max(6.0f, 0.5f * ui.scale) + 2.0f), p.text, "You");

    // People: the nearest dot to the pointer is the hovered one.
    std::array<ImU32, kTierCount> colours{};
    for (int t = 0; t < kTierCount; ++t) colours[static_cast<std::size_t>(t)] = circle_colour(static_cast<Tier>(t), p, dark);
    const MapPerson* hover = nullptr;
    float hover_distance = 0;
    std::size_t probed = 0;
    for (const MapPerson& person : map.people) {
        const ImVec2 c = screen.at(person.x, person.y);
        const float radius = dot_radius(person, ui.scale);
        if (c.x + radius < origin.x || c.x - radius > end.x || c.y + radius < origin.y || c.y - radius > end.y) continue;
        const ImU32 colour = colours[static_cast<std::size_t>(person.tier)];
        // A dot under two pixels across is drawn as a square: the same on screen, a third of the vertices.
        if (radius < 2.0f) dl->AddRectFilled(ImVec2(c.x - radius, c.y - radius), ImVec2(c.x + radius, c.y + radius), colour);
        else dl->AddCircleFilled(c, radius, colour, radius < 4.0f ? 8 : 0);
        if (person.bridge) dl->AddCircle(c, radius + 2.5f, p.warning, 0, 2.0f);
        if (hovered) {
            const float d = std::hypot(io.MousePos.x - c.x, io.MousePos.y - c.y);
            if (d <= std::max(7.0f, radius + 3.0f) && (!hover || d < hover_distance)) {
                hover = &person;
                hover_distance = d;
            }
        }
        if (probe::enabled() && probed < kProbedDots) {
            ++probed;
            probe::value(probe::key("map.dot.", [&] { return contact_label(*store.contact(person.id)); }),
                         [&] { return std::to_string(c.x) + "," + std::to_string(c.y); });
        }
    }
    if (hover) {
        const ImVec2 c = screen.at(hover->x, hover->y);
        dl->AddCircle(c, dot_radius(*hover, ui.scale) + 4.0f, p.text, 0, 2.0f);
        const Contact& contact = *store.contact(hover->id);
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        tooltip_now(about(map, *hover, contact) + "\nClick to open.");
        probe::value("map.hover", contact_label(contact));
        if (clicked) out.open_contact = hover->id;
    }
    dl->PopClipRect();
    dl->AddRect(origin, end, p.border, 8.0f);
    probe::value("map.scale", ui.scale);
    probe::value("map.centre", [&] { return std::to_string(ui.centre_x) + "," + std::to_string(ui.centre_y); });
}

// --- The list ----------------------------------------------------------------------------------

void draw_list(MapUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    const NetworkMap& map = ui.map;
    const Store& store = *view.store;
    for (std::size_t r = 0; r < map.regions.size(); ++r) {
        const MapRegion& region = map.regions[r];
        const std::size_t size = region.members.size();
        const bool open = ui.open_region == r;
        const std::string title = std::string(open ? icons::kCaretDown : icons::kCaretRight) + "  " + region_label(map, region) +
                                  "  (" + std::to_string(size) + ")";
        ImGui::PushID(static_cast<int>(r));
        if (ImGui::Selectable(title.c_str(), open)) ui.open_region = open ? std::nullopt : std::optional<std::size_t>(r);
        probe::item("map.list.", r);
        probe::value(probe::key("map.list.", r), title);
        if (region.cluster != kNoCluster) {
            const Cluster& cluster = map.clusters[region.cluster];
            std::string line = cluster.in_touch == 0 ? "Nobody here in touch with you yet: a world you know only by name"
                                                      : counted(cluster.in_touch, "person", "people") + " in touch with you";
            if (const Contact* strongest = cluster.in_touch ? store.contact(cluster.strongest) : nullptr) {
                line += cluster.bridge ? "; only through " : "; strongest: ";
                line += contact_label(*strongest);
            }
            ImGui::Indent(14.0f);
            ImGui::PushStyleColor(ImGuiCol_Text, cluster.bridge ? p.warning : p.muted);
            ImGui::TextWrapped("%s%s", cluster.bridge ? "A bridge: " : "", line.c_str());
            ImGui::PopStyleColor();
            probe::value(probe::key("map.list.", r, ".line"), line);
            ImGui::Unindent(14.0f);
        }
        if (open) {
            ImGui::Indent(14.0f);
            std::size_t shown = 0;
            for (const std::size_t member : region.members) {
                if (shown == kListedMembers) break;
                const MapPerson* person = &map.people[member];
                const Contact& c = *store.contact(person->id);
                if (form::person_link(p, contact_label(c), "map.list." + std::to_string(r) + ".person." + std::to_string(shown)))
                    out.open_contact = person->id;
                if (person->bridge || (region.cluster != kNoCluster && map.clusters[region.cluster].strongest == person->id)) {
                    ImGui::SameLine();
                    ImGui::PushStyleColor(ImGuiCol_Text, person->bridge ? p.warning : p.muted);
                    ImGui::TextWrapped("%s", person->bridge ? "your only link" : "your strongest tie here");
                    ImGui::PopStyleColor();
                }
                ++shown;
            }
            if (size > shown)
                muted_text(p, ("and " + std::to_string(size - shown) + " more (Contacts lists everyone)").c_str());
            if (region.cluster != kNoCluster &&
                button((std::string(icons::kAsk) + "  Ask them for help").c_str(), "map.list." + std::to_string(r) + ".ask")) {
                ui.ask_cluster = map.clusters[region.cluster].label;
                out.go_to = Section::Ask;
            }
            ImGui::Unindent(14.0f);
        }
        ImGui::PopID();
        ImGui::Dummy(ImVec2(0, 4));
    }
}

// The list as text for screen readers (they cannot read the canvas): the summary, then each
// cluster with its line and its first members, as the list beside the picture shows them.
std::string outline_of(const NetworkMap& map, const Store& store, const std::string& summary) {
    const auto flat = [](std::string text) {  // a name never starts a line of the outline
        std::replace(text.begin(), text.end(), '\n', ' ');
        std::replace(text.begin(), text.end(), '\r', ' ');
        return text;
    };
    const auto name = [&](const Contact& c) { return flat(contact_label(c)); };
    std::string out = "# Your network map, as a list\n" + summary + "\n";
    for (const MapRegion& region : map.regions) {
        out += "# " + flat(region_label(map, region)) + " (" + counted(region.members.size(), "person", "people") + ")\n";
        if (region.cluster != kNoCluster) {
            const Cluster& cluster = map.clusters[region.cluster];
            if (cluster.bridge) {
                if (const Contact* c = store.contact(cluster.strongest)) out += "A bridge: you reach it only through " + name(*c) + ".\n";
            } else if (const Contact* c = cluster.in_touch ? store.contact(cluster.strongest) : nullptr) {
                out += counted(cluster.in_touch, "person", "people") + " in touch with you; strongest: " + name(*c) + ".\n";
            }
        }
        std::size_t listed = 0;
        for (const std::size_t member : region.members) {
            if (listed++ == kListedMembers) break;
            const MapPerson& person = map.people[member];
            if (const Contact* c = store.contact(person.id))
                out += "- " + name(*c) + (person.bridge ? ", your only link" : "") + "\n";
        }
        if (region.members.size() > kListedMembers)
            out += "and " + std::to_string(region.members.size() - kListedMembers) + " more (Contacts lists everyone)\n";
    }
    return out;
}

}  // namespace

// --- The page ----------------------------------------------------------------------------------

const NetworkMap* known_map(MapUi& ui, const UiView& view, UiIntents& out, bool refresh) {
    const bool today = ui.key && ui.key->today == view.today;
    if (current(ui, view) || (today && !refresh)) return &ui.map;
    // No map for today (or one without a person just added): worked out a little each frame,
    // from the frame after the page asked (its own first frame has work enough).
    out.working = true;
    if (!ui.background) {
        ui.background = true;
        return today ? &ui.map : nullptr;
    }
    if (advance(ui, view, kBackgroundStepMillis)) {
        ui.background = false;
        return &ui.map;
    }
    return today ? &ui.map : nullptr;
}

void draw_map(MapUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    if (!current(ui, view)) {  // a slice of the work this frame; the map is drawn from the next one
        const bool done = advance(ui, view, kStepMillis);
        const float progress = done ? 1.0f : static_cast<float>(ui.building->progress());
        muted_text(p, "Working out your map\xe2\x80\xa6");
        ImGui::ProgressBar(progress, ImVec2(std::min(320.0f, ImGui::GetContentRegionAvail().x), 0), "");
        probe::value("map.state", "working");
        out.working = true;
        return;
    }
    const NetworkMap& map = ui.map;
    probe::value("map.state", "ready");
    probe::value("map.people", map.people.size());
    probe::value("map.clusters", map.clusters.size());
    probe::value("map.computed_ms", [&] { return std::to_string(static_cast<long>(ui.computed_ms)); });
    probe::value("map.slowest_step_ms", [&] { return std::to_string(ui.slowest_step_ms); });
    probe::value("map.slowest_step_at", [&] { return std::to_string(ui.slowest_step_at); });

    if (map.people.empty()) {
        form::begin_card(p, "##map.empty");
        ImGui::TextWrapped("%s  Your map fills as you add people and log who you met together: shared meetings, "
                           "mail threads, events, introductions and companies link people into clusters.",
                           icons::kInfo);
        probe::item("map.empty");
        form::end_card();
        return;
    }
    std::size_t bridges = 0;
    for (const Cluster& c : map.clusters) bridges += c.bridge ? 1 : 0;
    const std::string summary = counted(map.people.size(), "person", "people") + " in " +
                                counted(map.clusters.size(), "cluster", "clusters") + "; " +
                                counted(bridges, "cluster", "clusters") + " reached through one person only (ringed).";
    ImGui::TextWrapped("%s", summary.c_str());
    probe::value("map.summary", summary);
    if (ui.mirrored != ui.key) {
        out.page_text = outline_of(map, *view.store, summary);
        ui.mirrored = ui.key;
    }

    const float width = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = width >= kSideBySideFrom;
    if (side_by_side) ui.list_only = false;
    zoom_buttons(ui, p, !side_by_side, out);
    muted_text(p, "Drag to move, scroll or pinch to zoom; dots are people, coloured by circle and sized by strength.");

    const float height = std::max(320.0f, ImGui::GetContentRegionAvail().y - 6.0f);
    if (side_by_side) {
        draw_picture(ui, view, p, ImVec2(width - kListWidth - 12.0f, height), out);
        ImGui::SameLine(0, 12.0f);
        ImGui::BeginChild("##map.list", ImVec2(kListWidth, height), ImGuiChildFlags_Border);
        draw_list(ui, view, p, out);
        ImGui::EndChild();
    } else if (!ui.list_only) {
        draw_picture(ui, view, p, ImVec2(width, height), out);
    } else {
        draw_list(ui, view, p, out);
    }
}

}  // namespace ties::ui
