from tests.redis_db import redis_url as redis_url
