package io.techex.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rule after every service's rules, for what none of them opened: closed, except a method the path does not
 * have at all, which is let through so that Spring MVC answers it 405 with {@code Allow}, as HTTP says. Deny by
 * default answered those 403, as if a role were missing, when no role could ever call them.
 * <p>
 * Only callers who may learn which methods a path has get the 405: anyone on the public paths, authenticated callers
 * elsewhere (the OpenAPI document tells them anyway); without a token the answer stays 401. A path no controller
 * maps stays closed (403, or 401 without a token), whatever the method. Whether the method is missing is asked of the
 * dispatcher's own handler mappings, in their order, on a copy of the request's attributes, so the lookup is exactly
 * the one that will answer and leaves nothing behind.
 */
final class UnsupportedMethodAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final ObjectProvider<DispatcherServlet> dispatcher;
    private final RequestMatcher publicPaths;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    UnsupportedMethodAccess(ObjectProvider<DispatcherServlet> dispatcher, RequestMatcher publicPaths) {
        this.dispatcher = dispatcher;
        this.publicPaths = publicPaths;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        boolean mayLearnMethods = publicPaths.matches(request) || trust.isAuthenticated(authentication.get());
        return new AuthorizationDecision(mayLearnMethods && methodNotSupported(request));
    }

    private boolean methodNotSupported(HttpServletRequest request) {
        DispatcherServlet servlet = dispatcher.getIfAvailable();
        List<HandlerMapping> mappings = servlet == null ? null : servlet.getHandlerMappings();
        if (mappings == null) {
            return false;
        }
        HttpServletRequest probe = new OwnAttributes(request);
        for (HandlerMapping mapping : mappings) {
            try {
                if (mapping.getHandler(probe) != null) {
                    return false;
                }
            } catch (HttpRequestMethodNotSupportedException notSupported) {
                return true;
            } catch (Exception otherMismatch) {
                // the path and method matched, something else did not (media type, parameters): not a 405
                return false;
            }
        }
        return false;
    }

    /** The request, with attributes of its own on top of the original's, which it never changes. */
    private static final class OwnAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> set = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        OwnAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (removed.contains(name)) {
                return null;
            }
            return set.containsKey(name) ? set.get(name) : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(set.keySet());
            return Collections.enumeration(names);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                removeAttribute(name);
                return;
            }
            set.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            set.remove(name);
            removed.add(name);
        }
    }
}
