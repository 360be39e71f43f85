package io.techex.authserver;

import io.techex.authserver.AuthServerProperties.Organisation;
import io.techex.authserver.AuthServerProperties.Person;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The seeded people, each with the organisation they act for, looked up by person id. */
public final class DemoDirectory {

    /** A person together with the organisation they act for. */
    public record Member(Person person, Organisation organisation) {
    }

    private final Map<String, Member> byPersonId;

    public DemoDirectory(Collection<Organisation> organisations) {
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, Organisation> seenOrganisations = new LinkedHashMap<>();
        for (Organisation organisation : organisations) {
            if (seenOrganisations.putIfAbsent(organisation.id(), organisation) != null) {
                throw new IllegalArgumentException("organisation id " + organisation.id() + " appears twice");
            }
            for (Person person : organisation.people()) {
                Member previous = members.putIfAbsent(person.id(), new Member(person, organisation));
                // The person id is the client id and the token subject: a duplicate would make tokens ambiguous.
                if (previous != null) {
                    throw new IllegalArgumentException("person id " + person.id() + " appears in both "
                            + previous.organisation().id() + " and " + organisation.id());
                }
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException(
                    "techex.auth.organisations names no person: no client could get a token");
        }
        this.byPersonId = Collections.unmodifiableMap(members);
    }

    public Optional<Member> find(String personId) {
        return Optional.ofNullable(byPersonId.get(personId));
    }

    public Member get(String personId) {
        return find(personId).orElseThrow(() -> new IllegalArgumentException(
                "no demo person '" + personId + "'; known: " + byPersonId.keySet()));
    }

    public Collection<Member> members() {
        return byPersonId.values();
    }
}
