package dev.rollcall.connector.api.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Makes Jackson call a record's canonical constructor through a method handle prepared once per
 * record type. Jackson 3 calls a creator with {@code MethodHandle.invokeWithArguments}, which adapts
 * the handle to the argument array on every call: for the model's records (a sync reads a million of
 * them, each with its nested references) that was a third of the cost of reading a record and a
 * gigabyte of garbage per million. Only how the constructor is invoked changes: the arguments,
 * their defaults and the errors (a constructor's {@code IllegalArgumentException} included) are
 * Jackson's own. Immutable and thread-safe.
 */
final class RecordConstructors extends JacksonModule {

    @Override
    public String getModuleName() {
        return "rollcall-record-constructors";
    }

    @Override
    public Object getRegistrationId() {
        return RecordConstructors.class;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators() {
            @Override
            public @Nullable ValueInstantiator findValueInstantiator(
                    DeserializationConfig config, BeanDescription.Supplier description) {
                return null;
            }

            @Override
            public ValueInstantiator modifyValueInstantiator(
                    DeserializationConfig config,
                    BeanDescription.Supplier description,
                    ValueInstantiator instantiator) {
                if (instantiator.getClass() == StdValueInstantiator.class
                        && instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator
                        && creator.getDeclaringClass().isRecord()) {
                    MethodHandle handle = spreader(creator.getAnnotated());
                    if (handle != null) {
                        return new Prepared((StdValueInstantiator) instantiator, handle);
                    }
                }
                return instantiator;
            }
        });
    }

    /** The constructor as {@code (Object[]) -> Object}, or null when it is not accessible. */
    private static @Nullable MethodHandle spreader(Constructor<?> constructor) {
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflectConstructor(constructor);
            return handle.asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            return null; // not public: Jackson's own way
        }
    }

    /** Jackson's instantiator, with the constructor called through a prepared handle. */
    private static final class Prepared extends StdValueInstantiator {

        private final MethodHandle constructor;

        Prepared(StdValueInstantiator source, MethodHandle constructor) {
            super(source);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) {
            AnnotatedWithParams creator = _withArgsCreator;
            if (creator == null) {
                return super.createFromObjectWith(context, arguments);
            }
            try {
                return constructor.invokeExact(arguments);
            } catch (Throwable problem) {
                return context.handleInstantiationProblem(_valueClass, arguments, rewrapCtorProblem(context, problem));
            }
        }
    }
}
