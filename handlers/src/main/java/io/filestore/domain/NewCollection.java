package io.filestore.domain;

import java.util.List;
import java.util.Map;

/** What a caller asks to create; null policy fields take the deployment's limits. */
public record NewCollection(String name, List<String> allowedContentTypes, Long maxSize, Map<String, String> defaultMetadata) {}
