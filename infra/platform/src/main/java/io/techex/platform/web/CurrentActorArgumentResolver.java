package io.techex.platform.web;

import io.techex.platform.actor.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Optional;

/** Supplies {@link CurrentActor} parameters. */
class CurrentActorArgumentResolver implements HandlerMethodArgumentResolver {

    private final ActorResolver actors;

    CurrentActorArgumentResolver(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentActor.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        Optional<Actor> actor = actors.resolve(request.getNativeRequest(HttpServletRequest.class));
        if (parameter.getParameterType() == Optional.class) {
            return actor;
        }
        if (parameter.getParameterType() != Actor.class) {
            // a programming error, so it fails loudly on the first request rather than binding something odd
            throw new IllegalStateException("@CurrentActor goes on an Actor or Optional<Actor> parameter, not on "
                    + parameter.getParameterType().getName() + " of " + parameter.getExecutable());
        }
        return actor.orElseThrow(Unauthenticated::new);
    }
}
