package dev.foldwork.activities;

import dev.foldwork.core.domain.StreamId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How far a global fold consumed one source stream: a list element, since payload maps need string keys. */
public record StreamPosition(StreamId stream, long seq) {
    public static List<StreamPosition> listOf(Map<StreamId, Long> positions) {
        List<StreamPosition> list = new ArrayList<>(positions.size());
        positions.forEach((stream, seq) -> list.add(new StreamPosition(stream, seq)));
        return list;
    }

    public static Map<StreamId, Long> mapOf(List<StreamPosition> positions) {
        Map<StreamId, Long> map = new LinkedHashMap<>();
        positions.forEach(p -> map.put(p.stream(), p.seq()));
        return map;
    }
}
