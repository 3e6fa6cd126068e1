package dev.strongroom.writeahead;

import java.util.SortedMap;

/** A change the journal holds with its intent and its {@link ChangeOutcome#SUCCESS} completion. */
record CompletedChange(JournaledIntent intent, SortedMap<String, String> completion) {
}
