package io.techex.listing.need;

import io.techex.platform.actor.Actor;

/**
 * Who may see a need and who posted it, in one place. A need on the market (or once on it) is anyone's to read; a
 * draft, and a need taken down as abusive, only its owner's, the operator's and regulators'. Who posted it is shown
 * to those three, and to everyone else only if the owner made its name public. Everyone else is told it does not exist.
 */
public final class NeedVisibility {

    private NeedVisibility() {
    }

    public static boolean canSee(NeedRow need, Actor actor) {
        return need.status().isPublic() || isInsider(need, actor);
    }

    public static boolean showsOwner(NeedRow need, Actor actor) {
        return need.ownerNamePublic() || isInsider(need, actor);
    }

    /** The owner, the operator who moderates needs, and regulators, who read everything. */
    public static boolean isInsider(NeedRow need, Actor actor) {
        return isOwner(need, actor) || mayReadEverything(actor);
    }

    public static boolean isOwner(NeedRow need, Actor actor) {
        return need.ownerOrganisationId().equals(actor.organisationId());
    }

    public static boolean mayReadEverything(Actor actor) {
        return actor.role() == Actor.Role.OPERATOR || actor.role() == Actor.Role.REGULATOR;
    }
}
