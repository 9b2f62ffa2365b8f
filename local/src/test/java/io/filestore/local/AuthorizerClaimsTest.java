package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claims a REST API's Cognito authorizer hands the function: flat, and strings only. */
class AuthorizerClaimsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, String> claims(String payload) throws Exception {
    return AuthorizerClaims.of(JSON.readTree(payload));
  }

  @Test
  void everyValueIsAStringAndTheDatesReadLikeJavasDateInUtc() throws Exception {
    Map<String, String> claims = claims("""
        {"sub":"alice","cognito:groups":["admins"],"email_verified":true,"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
         "cognito:username":"alice","aud":"abc123","token_use":"id","auth_time":1680633579,"exp":1680637179,"iat":1680633579,
         "jti":"j-1","email":"alice@example.com","custom:quota":42,"custom:beta":false}""");
    assertEquals("alice", claims.get("sub"));
    assertEquals("Tue Apr 04 19:39:39 UTC 2023", claims.get("exp"));
    assertEquals("Tue Apr 04 18:39:39 UTC 2023", claims.get("iat"));
    assertEquals("1680633579", claims.get("auth_time"), "other numbers stay epoch seconds");
    assertEquals("42", claims.get("custom:quota"));
    assertEquals("true", claims.get("email_verified"));
    assertEquals("false", claims.get("custom:beta"));
    assertEquals("admins", claims.get("cognito:groups"), "one group is its name, not an array");
    assertEquals("alice@example.com", claims.get("email"));
    assertEquals("id", claims.get("token_use"));

    JsonNode asSent = JSON.valueToTree(claims);
    asSent.fields().forEachRemaining(c -> assertTrue(c.getValue().isTextual(), c.getKey() + " is " + c.getValue().getNodeType()));
    assertEquals(14, asSent.size(), "every claim, flat");
  }

  @Test
  void severalGroupsAreJoinedWithCommas() throws Exception {
    assertEquals("admins,editors,viewers", claims("{\"cognito:groups\":[\"admins\",\"editors\",\"viewers\"]}").get("cognito:groups"));
  }

  @Test
  void datesArePaddedAndEnglishAsDateToStringPrintsThem() throws Exception {
    // 2024-01-07T09:05:03Z, 2024-02-29T00:00:00Z and 2023-12-31T23:59:59Z
    assertEquals("Sun Jan 07 09:05:03 UTC 2024", claims("{\"exp\":1704618303}").get("exp"));
    assertEquals("Thu Feb 29 00:00:00 UTC 2024", claims("{\"exp\":1709164800}").get("exp"));
    assertEquals("Sun Dec 31 23:59:59 UTC 2023", claims("{\"iat\":1704067199}").get("iat"));
  }

  @Test
  void aTokenWithoutGroupsOrEmailHasNoSuchClaims() throws Exception {
    Map<String, String> claims = claims("{\"sub\":\"bob\",\"token_use\":\"id\"}");
    assertFalse(claims.containsKey("cognito:groups"));
    assertFalse(claims.containsKey("email"));
    assertEquals(Map.of("sub", "bob", "token_use", "id"), claims);
  }
}
