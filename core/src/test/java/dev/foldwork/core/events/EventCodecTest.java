package dev.foldwork.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foldwork.core.commands.EventDraft;
import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.Event;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.json.TypedObjectNode;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    sealed interface DoorEvent permits Opened, Locked {}

    /** Version 3: v1 had no {@code by}, v2 called the angle {@code degrees}. */
    record Opened(String door, int angle, String by) implements DoorEvent {}

    record Locked(String door) implements DoorEvent {}

    record Stranger(String door) {}

    private static final EventCodec<DoorEvent> CODEC = EventCodec.of(DoorEvent.class)
            .event("Opened", 3, Opened.class)
            .upcaster("Opened", 1, v1 -> v1.put("by", "unknown"))
            .upcaster("Opened", 2, v2 -> (ObjectNode) v2.set("angle", v2.remove("degrees")))
            .event("Locked", 1, Locked.class)
            .build();

    @Test
    void anEventOfTheCurrentVersionDecodesAsItsRecord() {
        assertThat(CODEC.decode(event("Opened", 3, Json.object().put("door", "d1").put("angle", 90).put("by", "ann"))))
                .contains(new Opened("d1", 90, "ann"));
        assertThat(CODEC.decode(event("Locked", 1, Json.object().put("door", "d1")))).contains(new Locked("d1"));
    }

    @Test
    void olderVersionsRunThroughEveryUpcasterAfterThem() {
        ObjectNode v1 = Json.object().put("door", "d1").put("degrees", 45);
        assertThat(CODEC.decode(event("Opened", 1, v1))).contains(new Opened("d1", 45, "unknown"));
        assertThat(CODEC.decode(event("Opened", 2, Json.object().put("door", "d1").put("degrees", 30).put("by", "bo"))))
                .contains(new Opened("d1", 30, "bo"));
        assertThat(v1.has("by")).as("the stored JSON is not changed").isFalse();
    }

    @Test
    void aNewerVersionIsRefusedByName() {
        assertThatThrownBy(() -> CODEC.decode(event("Opened", 4, Json.object().put("door", "d1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Opened version 4 is newer than this reader (3)");
    }

    @Test
    void anotherPipelinesEventIsNotThisCodecs() {
        assertThat(CODEC.decode(event("Rang", 1, Json.object()))).isEmpty();
    }

    @Test
    void aDraftCarriesItsTypesNameAndCurrentVersion() {
        EventDraft draft = CODEC.draft("d1", new Opened("d1", 10, "ann"));
        assertThat(draft.type()).isEqualTo("Opened");
        assertThat(draft.version()).isEqualTo(3);
        assertThat(CODEC.decode(event(draft.type(), draft.version(), draft.data()))).contains(new Opened("d1", 10, "ann"));
    }

    @Test
    void anEventDraftedInThisProcessDecodesAsTheRecordItWasDraftedFrom() throws Exception {
        Opened opened = new Opened("d1", 10, "ann");
        EventDraft draft = CODEC.draft("d1", opened);
        assertThat(CODEC.decode(event(draft.type(), draft.version(), draft.data())).orElseThrow()).isSameAs(opened);

        JsonNode sentAcrossProcesses = Json.mapper().readTree(Json.write(draft.data()));
        assertThat(sentAcrossProcesses).isEqualTo(draft.data()).isNotInstanceOf(TypedObjectNode.class);
        assertThat(draft.data()).isEqualTo(sentAcrossProcesses);
        JsonNode copy = draft.data().deepCopy();
        assertThat(copy).as("a copy, which may be changed, is plain JSON").isNotInstanceOf(TypedObjectNode.class);
        assertThat(CODEC.decode(event(draft.type(), draft.version(), sentAcrossProcesses)).orElseThrow())
                .isEqualTo(opened).isNotSameAs(opened);
    }

    @Test
    void aRecordCarriedByAnOlderVersionsDataIsNotTakenAsTheCurrentShape() {
        ObjectNode v2 = (ObjectNode) CODEC.draft("d1", new Opened("d1", 10, "ann")).data();
        assertThat(CODEC.decode(event("Opened", 1, v2.deepCopy().put("degrees", 20))).orElseThrow())
                .isEqualTo(new Opened("d1", 20, "unknown"));
    }

    @Test
    void aRecordThatIsNotDeclaredCannotBeDrafted() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventCodec<Object> raw = (EventCodec) CODEC;
        assertThatThrownBy(() -> raw.draft("d1", new Stranger("d1")))
                .hasMessage("Stranger is not an event of DoorEvent");
    }

    @Test
    void theSameEventIsDecodedOnce() {
        Event stored = event("Locked", 1, Json.object().put("door", "d1"));
        assertThat(CODEC.decode(stored).orElseThrow()).isSameAs(CODEC.decode(stored).orElseThrow());
        Event equalButAnother = event("Locked", 1, Json.object().put("door", "d1"));
        assertThat(CODEC.decode(equalButAnother).orElseThrow()).isEqualTo(CODEC.decode(stored).orElseThrow());
    }

    @Test
    void aCodecWithAMissingOrStrayUpcasterIsNotBuilt() {
        assertThatThrownBy(() -> EventCodec.of(DoorEvent.class).event("Opened", 3, Opened.class)
                .upcaster("Opened", 1, v -> v).build())
                .hasMessage("Opened is at version 3 but has no upcaster from version 2");
        assertThatThrownBy(() -> EventCodec.of(DoorEvent.class).event("Locked", 1, Locked.class)
                .upcaster("Locked", 1, v -> v).build())
                .hasMessage("Locked has an upcaster from version 1, outside 1..0");
        assertThatThrownBy(() -> EventCodec.of(DoorEvent.class).event("Locked", 1, Locked.class)
                .upcaster("Unlocked", 1, v -> v).build())
                .hasMessage("upcaster for Unlocked, which is not an event of DoorEvent");
    }

    @Test
    void recordsListsTheDeclaredTypesInOrder() {
        assertThat(CODEC.records()).containsExactly(Opened.class, Locked.class);
    }

    private static Event event(String type, int version, JsonNode data) {
        return new Event("evt-1", TenantId.of("acme"), AggregateType.of("door"), "d1", 1, 1_000, type, version, data);
    }
}
