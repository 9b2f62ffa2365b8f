package io.filestore.local;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda artifact we ship (the wiring's "artifact"), on a class loader of its own, as Lambda's Java
 * runtime loads it: the functions run from the jar, not from the build's classes, so whatever the jar
 * lacks fails here first. Only the runtime's interfaces (RequestHandler, Context and the other types of
 * com.amazonaws.services.lambda.runtime itself, none of its subpackages) come from the host, as they come
 * from the runtime in Lambda, so that the host calls handlers without reflection.
 *
 * <p>Events are read and results written by the runtime's serializer, loaded again beside each artifact
 * (Lambda's runtime has its own copy too): it keeps one static Jackson mapper that binds the joda-time
 * classes of the first class loader it serves, so a copy shared with the host, or with a second stack in
 * the same JVM, would read dates of the other's classes. It is called by reflection, being of its loader.
 */
final class Artifact implements AutoCloseable {
  private static final String RUNTIME = "com.amazonaws.services.lambda.runtime.";

  private final URLClassLoader functions;
  private final URLClassLoader serialization;
  private final Method isSupportedEvent;
  private final Method serializerForEvent;
  private final Object jackson;
  private final Method serializerForPojo;
  private final Method fromJson;
  private final Method toJson;

  private Artifact(URLClassLoader functions, URLClassLoader serialization) throws ReflectiveOperationException {
    this.functions = functions;
    this.serialization = serialization;
    Class<?> events = serialization.loadClass(LambdaEventSerializers.class.getName());
    isSupportedEvent = events.getMethod("isLambdaSupportedEvent", String.class);
    serializerForEvent = events.getMethod("serializerFor", Class.class, ClassLoader.class);
    Class<?> factory = serialization.loadClass(RUNTIME + "serialization.factories.JacksonFactory");
    jackson = factory.getMethod("getInstance").invoke(null);
    serializerForPojo = factory.getMethod("getSerializer", Class.class);
    Class<?> pojo = serialization.loadClass(RUNTIME + "serialization.PojoSerializer");
    fromJson = pojo.getMethod("fromJson", InputStream.class);
    toJson = pojo.getMethod("toJson", Object.class, OutputStream.class);
  }

  static Artifact open(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is not built; ./filestore local builds it (or: mvn -B -DskipTests install)");
    }
    URL runtimeSerializer = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
    try {
      URLClassLoader functions = new URLClassLoader("filestore-lambda", new URL[] {jar.toUri().toURL()}, new RuntimeInterfaces());
      return new Artifact(functions, new URLClassLoader("lambda-serialization", new URL[] {runtimeSerializer}, functions));
    } catch (MalformedURLException | ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot load " + jar + " with the runtime's serializer " + runtimeSerializer, e);
    }
  }

  Class<?> load(String className) throws ClassNotFoundException {
    return Class.forName(className, true, functions);
  }

  /** The runtime's serializer of one type: built once, as the runtime builds it once per handler. */
  Serializer serializer(Class<?> type) {
    return new Serializer(Boolean.TRUE.equals(call(isSupportedEvent, null, type.getName()))
        ? call(serializerForEvent, null, type, functions)
        : call(serializerForPojo, jackson, type));
  }

  final class Serializer {
    private final Object pojo;

    private Serializer(Object pojo) {
      this.pojo = pojo;
    }

    /** Reads an event (or any input type) as the runtime does. */
    Object read(String json) {
      return call(fromJson, pojo, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes a result as the runtime does. */
    String write(Object value) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      call(toJson, pojo, value, out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static Object call(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    serialization.close();
    functions.close();
  }

  /** The host's copy of the runtime's interfaces; everything else but the JDK comes from the jar. */
  private static final class RuntimeInterfaces extends ClassLoader {
    private final ClassLoader host = Artifact.class.getClassLoader();

    RuntimeInterfaces() {
      super("lambda-runtime", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(RUNTIME) && name.indexOf('.', RUNTIME.length()) < 0) {
        return host.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
