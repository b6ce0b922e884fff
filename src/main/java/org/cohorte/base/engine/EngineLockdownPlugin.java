package org.cohorte.base.engine;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByIdsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByKeyCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.scripting.ExecutableScript;
import org.camunda.bpm.engine.impl.scripting.ScriptFactory;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializerFactory;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.cohorte.base.error.CohorteException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * No code at run time, and nothing oversized in the engine's tables, whatever door a request came through:
 * <ul>
 * <li><b>Models come only from the application.</b> The engine refuses to deploy, redeploy or delete models
 * for anyone signed in, administrators included: the models in {@code processes/} are deployed at start-up,
 * with nobody signed in. (The HTTP doors refuse these calls too; this is the second lock.)</li>
 * <li><b>No scripts.</b> Script tasks, script listeners and conditions, inline or as external resources, are
 * refused when a model is parsed; the application ships no script engine either.</li>
 * <li><b>Expressions reach only the process layer.</b> A {@code ${name}} in a model resolves to a Spring bean
 * only if the bean is a delegate or helper of a feature's {@code process} package, never a repository or a
 * service, so even a model that slipped in could not read Cohorte's records by name.</li>
 * <li><b>Variables have a size.</b> A text value over {@code cohorte.engine.max-variable-chars} characters or a
 * binary, file or serialized value over {@code cohorte.engine.max-variable-bytes} is refused with a message,
 * instead of filling the database (or failing at commit with a 500 on PostgreSQL's 4 000-character column).
 * Cohorte keeps ids and simple values in variables; records live in its own tables.</li>
 * </ul>
 */
@Component
public class EngineLockdownPlugin extends AbstractProcessEnginePlugin {

    /** Classes whose beans a model's expressions may name: delegates and helpers of a feature's process layer. */
    static final Pattern PROCESS_LAYER = Pattern.compile("^org\\.cohorte\\.[a-z]+\\.process\\.[A-Za-z0-9_$]+$");

    private final ApplicationContext applicationContext;
    private final int maxVariableChars;
    private final int maxVariableBytes;

    public EngineLockdownPlugin(ApplicationContext applicationContext,
                                @Value("${cohorte.engine.max-variable-chars:4000}") int maxVariableChars,
                                @Value("${cohorte.engine.max-variable-bytes:262144}") int maxVariableBytes) {
        this.applicationContext = applicationContext;
        this.maxVariableChars = maxVariableChars;
        this.maxVariableBytes = maxVariableBytes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ProcessLayerBeans beans = new ProcessLayerBeans(applicationContext);
        configuration.setBeans(beans);
        configuration.setExpressionManager(new SpringExpressionManager(applicationContext, beans));
        configuration.setScriptFactory(new NoScripts());
        configuration.setEnableScriptEngineLoadExternalResources(false);
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(new ModelsFromTheApplicationOnly(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // The configuration has no setter for its serializers once built: replace the field it reads them from.
        Field field = ReflectionUtils.findField(ProcessEngineConfigurationImpl.class, "variableSerializers");
        ReflectionUtils.makeAccessible(field);
        ReflectionUtils.setField(field, configuration, new SizeLimitedSerializers(configuration.getVariableSerializers(),
                maxVariableChars, maxVariableBytes));
    }

    /** Beans of the process layer, looked up by name when an expression is evaluated (they may not exist yet). */
    static final class ProcessLayerBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;

        ProcessLayerBeans(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public boolean containsKey(Object key) {
            if (!(key instanceof String name) || !context.containsBean(name)) {
                return false;
            }
            Class<?> type = context.getType(name);
            return type != null && PROCESS_LAYER.matcher(ClassUtils.getUserClass(type).getName()).matches();
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            // Never listed: only named lookups are meant to work.
            return Set.of();
        }
    }

    /** Every way to bring a script into the engine ends here, at parse time. */
    static final class NoScripts extends ScriptFactory {

        private static ProcessEngineException refused() {
            return new ProcessEngineException("Scripts are disabled in Cohorte: models use delegates and expressions only");
        }

        @Override
        public ExecutableScript createScriptFromResource(String language, String resource) {
            throw refused();
        }

        @Override
        public ExecutableScript createScriptFromResource(String language, Expression resourceExpression) {
            throw refused();
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, String source) {
            throw refused();
        }

        @Override
        public ExecutableScript createScriptFromSource(String language, Expression sourceExpression) {
            throw refused();
        }
    }

    /** Deploying and deleting models is for the application at start-up (nobody signed in), never for a person. */
    static final class ModelsFromTheApplicationOnly extends CommandInterceptor {

        private static final List<Class<?>> MODEL_CHANGES = List.of(DeployCmd.class, DeleteDeploymentCmd.class,
                DeleteProcessDefinitionsByIdsCmd.class, DeleteProcessDefinitionsByKeyCmd.class);

        private final ProcessEngineConfigurationImpl configuration;

        ModelsFromTheApplicationOnly(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (MODEL_CHANGES.stream().anyMatch(type -> type.isInstance(command))
                    && configuration.getIdentityService().getCurrentAuthentication() != null) {
                throw new ProcessEngineException("Models are deployed by the application only, at start-up; "
                        + "nobody may deploy or delete one (" + configuration.getIdentityService()
                        .getCurrentAuthentication().getUserId() + " tried)");
            }
            return next.execute(command);
        }
    }

    /** The engine's serializers, each write checked for size once the value is in its storage form. */
    static final class SizeLimitedSerializers implements VariableSerializers {

        private final VariableSerializers delegate;
        private final int maxChars;
        private final int maxBytes;

        SizeLimitedSerializers(VariableSerializers delegate, int maxChars, int maxBytes) {
            this.delegate = delegate;
            this.maxChars = maxChars;
            this.maxBytes = maxBytes;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public TypedValueSerializer findSerializerForValue(TypedValue value, VariableSerializerFactory fallBackSerializerFactory) {
            return limited(delegate.findSerializerForValue(value, fallBackSerializerFactory));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public TypedValueSerializer findSerializerForValue(TypedValue value) {
            return limited(delegate.findSerializerForValue(value));
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private TypedValueSerializer limited(TypedValueSerializer serializer) {
            return serializer == null ? null : new Limited<>(serializer, maxChars, maxBytes);
        }

        @Override
        public TypedValueSerializer<?> getSerializerByName(String serializerName) {
            return delegate.getSerializerByName(serializerName);
        }

        @Override
        public VariableSerializers addSerializer(TypedValueSerializer<?> serializer) {
            delegate.addSerializer(serializer);
            return this;
        }

        @Override
        public VariableSerializers addSerializer(TypedValueSerializer<?> serializer, int index) {
            delegate.addSerializer(serializer, index);
            return this;
        }

        @Override
        public VariableSerializers removeSerializer(TypedValueSerializer<?> serializer) {
            delegate.removeSerializer(serializer);
            return this;
        }

        @Override
        public int getSerializerIndex(TypedValueSerializer<?> serializer) {
            return delegate.getSerializerIndex(serializer);
        }

        @Override
        public int getSerializerIndexByName(String serializerName) {
            return delegate.getSerializerIndexByName(serializerName);
        }

        @Override
        public VariableSerializers join(VariableSerializers other) {
            return new SizeLimitedSerializers(delegate.join(other), maxChars, maxBytes);
        }

        @Override
        public List<TypedValueSerializer<?>> getSerializers() {
            return delegate.getSerializers();
        }
    }

    /** One serializer, same name and format (what is stored does not change), with the size check. */
    record Limited<T extends TypedValue>(TypedValueSerializer<T> delegate, int maxChars, int maxBytes)
            implements TypedValueSerializer<T> {

        @Override
        public void writeValue(T value, ValueFields fields) {
            delegate.writeValue(value, fields);
            int chars = Math.max(length(fields.getTextValue()), length(fields.getTextValue2()));
            byte[] bytes = fields.getByteArrayValue();
            if (chars > maxChars || (bytes != null && bytes.length > maxBytes)) {
                throw new CohorteException("engine.variableTooLarge", fields.getName(), maxChars, maxBytes / 1024);
            }
        }

        private static int length(String text) {
            return text == null ? 0 : text.length();
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public ValueType getType() {
            return delegate.getType();
        }

        @Override
        public T readValue(ValueFields valueFields, boolean deserializeValue, boolean isTransient) {
            return delegate.readValue(valueFields, deserializeValue, isTransient);
        }

        @Override
        public boolean canHandle(TypedValue value) {
            return delegate.canHandle(value);
        }

        @Override
        public T convertToTypedValue(UntypedValueImpl untypedValue) {
            return delegate.convertToTypedValue(untypedValue);
        }

        @Override
        public String getSerializationDataformat() {
            return delegate.getSerializationDataformat();
        }

        @Override
        public boolean isMutableValue(T typedValue) {
            return delegate.isMutableValue(typedValue);
        }
    }
}
