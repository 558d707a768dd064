package dev.orun.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;

/**
 * The one JSON mapper of the server. Requests are read strictly (unknown fields and trailing
 * tokens are errors, so a misspelt field is reported instead of silently ignored); instants are
 * written as ISO-8601 strings.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  /** Readers by request type: a reader knows its type and root deserializer, so a read skips both lookups. */
  private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return MAPPER.readerFor(type);
    }
  };
  private static final ObjectReader STRING_LIST = MAPPER.readerFor(new TypeReference<List<String>>() {});

  private Json() {}

  /** The reader of {@code type}, configured as {@link #MAPPER}. */
  public static ObjectReader reader(Class<?> type) {
    return READERS.get(type);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static List<String> readStringList(String json) {
    try {
      return STRING_LIST.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON list is corrupt", e);
    }
  }

  public static Map<String, Object> readMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON object is corrupt", e);
    }
  }
}
