#include "io/graphml.hpp"

#include <cstdio>

namespace ties::io {
namespace {

// Text as XML 1.0 character data: the five special characters escaped, and the control
// characters XML does not allow at all dropped (a name pasted from somewhere odd).
std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') continue;
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out.push_back(ch);
        }
    }
    return out;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

void data(std::string& out, const char* key, const std::string& value) {
    out += "      <data key=\"";
    out += key;
    out += "\">";
    out += value;
    out += "</data>\n";
}

}  // namespace

std::string write_graphml(const Store& store, const NetworkMap& map) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"circle\" for=\"node\" attr.name=\"circle\" attr.type=\"string\"/>\n"
        "  <key id=\"company\" for=\"node\" attr.name=\"company\" attr.type=\"string\"/>\n"
        "  <key id=\"city\" for=\"node\" attr.name=\"city\" attr.type=\"string\"/>\n"
        "  <key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"string\"/>\n"
        "  <key id=\"community\" for=\"node\" attr.name=\"community\" attr.type=\"int\"/>\n"
        "  <key id=\"strength\" for=\"node\" attr.name=\"strength\" attr.type=\"double\"/>\n"
        "  <key id=\"bridge\" for=\"node\" attr.name=\"bridge\" attr.type=\"boolean\"/>\n"
        "  <key id=\"effective_size\" for=\"node\" attr.name=\"effective_size\" attr.type=\"double\"/>\n"
        "  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"float\"/>\n"
        "  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"float\"/>\n"
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        "  <graph id=\"ties\" edgedefault=\"undirected\">\n";
    const auto node_id = [&](std::size_t i) {
        std::string id(1, 'p');  // not "p" + string: GCC 12 at -O2 warns about that (-Wrestrict, a false alarm)
        id += map.graph.people[i].to_string();
        return id;
    };
    for (std::size_t i = 0; i < map.people.size(); ++i) {
        const MapPerson& person = map.people[i];
        const Contact& c = *store.contact(person.id);
        out += "    <node id=\"" + node_id(i) + "\">\n";
        data(out, "label", xml_text(contact_label(c)));
        if (c.tier != Tier::None) data(out, "circle", xml_text(to_string(c.tier)));
        if (!c.company.empty()) data(out, "company", xml_text(c.company));
        if (!c.city.empty()) data(out, "city", xml_text(c.city));
        // Each person's community: their cluster's number (largest first), or -1 alone.
        if (person.cluster != kNoCluster) data(out, "cluster", xml_text(map.clusters[person.cluster].label));
        data(out, "community", person.cluster == kNoCluster ? "-1" : std::to_string(person.cluster));
        data(out, "strength", number(person.strength));
        data(out, "bridge", person.bridge ? "true" : "false");
        data(out, "effective_size", number(person.effective_size));
        data(out, "x", number(person.x));
        data(out, "y", number(person.y));
        out += "    </node>\n";
    }
    for (std::size_t i = 0; i < map.graph.links.size(); ++i)
        for (const auto& [j, weight] : map.graph.links[i]) {
            if (j < i) continue;  // each undirected link once
            out += "    <edge source=\"" + node_id(i) + "\" target=\"" + node_id(j) + "\">\n";
            data(out, "weight", number(weight));
            out += "    </edge>\n";
        }
    out += "  </graph>\n</graphml>\n";
    return out;
}

}  // namespace ties::io
