/*
 * passlist.c: a list of the most common passwords of eight characters or
 * more (shorter ones are refused for their length anyway): the classics
 * of every leaked-password top list, keyboard walks, repeated and
 * sequential digits, "password" and "welcome" variants, seasons and names
 * with years.  Stored lower-case and sorted by strcmp() so that a lookup
 * is one bsearch() over the lower-cased input.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "passlist.h"

/* Longest entry is well under this; longer input cannot match. */
#define PASSLIST_MAXLEN	64

/* Lower case, strictly increasing by strcmp() (tests/unit/passlist-t). */
static const char *const passlist[] = {
	"!qaz2wsx", "00000000", "000000000", "0000000000", "01010101",
	"01234567", "0123456789", "0987654321", "10101010", "11111111",
	"111111111", "1111111111", "11111112", "11112222", "11223344",
	"1122334455", "112233445566", "11223344556677", "12121212",
	"12312312", "123123123", "12332112", "123321123", "12341234",
	"12344321", "1234512345", "1234554321", "123456123", "123456654321",
	"12345678", "123456780", "123456789", "1234567890", "12345678910",
	"1234567899", "123456789a", "12345678a", "12345679", "1234567a",
	"123456a!", "12345abc", "12345qwert", "1234abcd", "1234abcd!",
	"1234asdf", "1234qwer", "123654789", "12369874", "123698745",
	"123abc123", "123password", "123qwe123", "123qweasd", "123qweasdzxc",
	"12password", "12qwaszx", "13131313", "13579135", "1357924680",
	"14141414", "147147147", "147258369", "147852369", "147896325",
	"159357159", "159753123", "159753159", "19191919", "1a2b3c4d",
	"1password", "1q2w3e4r", "1q2w3e4r!", "1q2w3e4r5t", "1q2w3e4r5t6y",
	"1q2w3e4r5t6y7u", "1qa2ws3ed", "1qaz!qaz", "1qaz1qaz", "1qaz2wsx",
	"1qaz2wsx3edc", "1qazxsw2", "20202020", "22222222", "222222222",
	"23232323", "24682468", "25802580", "258258258", "2wsx3edc",
	"31415926", "314159265", "321321321", "33333333", "44444444",
	"456456456", "456789123", "55555555", "555555555", "66666666",
	"666666666", "69696969", "74108520", "741852963", "77777777",
	"777777777", "789456123", "789789789", "87654321", "88888888",
	"888888888", "88889999", "951753852", "963852741", "98765432",
	"987654321", "9876543210", "99999999", "999999999", "a1234567",
	"a12345678", "a123456789", "a1b2c3d4", "a1b2c3d4e5", "aa123456",
	"aaaaaaaa", "aaaaaaaaa", "abc12345", "abc123456", "abc1234567",
	"abc123abc", "abcabc123", "abcd1234", "abcd12345", "abcdabcd",
	"abcdef12", "abcdef123", "abcdefg1", "abcdefgh", "abcdefghi",
	"access14", "admin123", "admin1234", "admin12345", "admin@123",
	"adminadmin", "administrator", "administrator1", "alexander",
	"andrew12", "andrew1990", "andrew1995", "andrew2000", "andrew2010",
	"angel123", "angels12", "anthony1", "anything", "arsenal1",
	"arsenal123", "asd12345", "asdasdasd", "asdf1234", "asdf123456",
	"asdfasdf", "asdfgh12", "asdfgh123", "asdfghjk", "asdfghjkl",
	"asdfghjkl1", "asdfjkl;", "ashley12", "ashley1990", "ashley1995",
	"ashley2000", "ashley2010", "august12", "autumn2015", "autumn2016",
	"autumn2017", "autumn2018", "autumn2019", "autumn2020", "autumn2021",
	"autumn2022", "autumn2023", "autumn2024", "autumn2025", "azerty12",
	"azerty123", "azertyui", "azertyuiop", "babygirl", "babygirl1",
	"barcelona", "barcelona1", "baseball", "baseball1", "basketball",
	"basketball1", "batman01", "batman12", "batman123", "beautiful",
	"bigdaddy", "blessed1", "blink182", "bluebird", "brandon1",
	"buster12", "butterfly", "butterfly1", "carolina", "caroline",
	"changeit", "changeme", "changeme1", "changeme123", "charlie1",
	"charlie12", "charlie123", "charlie1990", "charlie1995",
	"charlie2000", "charlie2010", "charlotte", "cheese12", "chelsea1",
	"chelsea123", "chicken1", "chocolate", "chocolate1", "christian",
	"christina", "christine", "christopher", "cocacola", "computer",
	"computer1", "computer123", "contrasena", "cookie12", "corvette",
	"cowboys1", "dallas12", "daniel12", "daniel123", "daniel1990",
	"daniel1995", "daniel2000", "daniel2010", "december", "december1",
	"default1", "defaultpassword", "diamond1", "doctor12", "dolphin1",
	"dolphins", "dragon12", "dragon123", "dragons1", "eagles12",
	"einstein", "elephant", "eminem12", "february", "february1",
	"fernando", "firebird", "flower12", "football", "football1",
	"football12", "football123", "football2", "forever1", "fortnite",
	"fortnite1", "freedom1", "freedom123", "friends1", "gabriela",
	"garfield", "gateway1", "george12", "ginger12", "godislove",
	"goodbye1", "goodluck1", "greenday", "guest123", "guestguest",
	"hannah12", "happy123", "hardcore", "harrypotter", "heather1",
	"heineken", "hello123", "hello1234", "hellokitty", "helloworld",
	"hockey12", "hunter12", "hunter123", "iceman12", "iloveme1",
	"iloveyou", "iloveyou!", "iloveyou1", "iloveyou12", "iloveyou123",
	"iloveyou2", "iloveyou22", "iloveyou3", "iloveyou7", "internet",
	"isabella", "jackson1", "january1", "jasmine1", "jennifer",
	"jennifer1", "jennifer12", "jessica1", "jessica1990", "jessica1995",
	"jessica2000", "jessica2010", "jesus123", "jesuschrist", "johnson1",
	"jonathan", "jordan12", "jordan123", "jordan23", "joshua1990",
	"joshua1995", "joshua2000", "joshua2010", "junior12", "justin12",
	"juventus", "killer12", "killer123", "kimberly", "lakers24",
	"letmein!", "letmein1", "letmein123", "letmein2", "letmeinnow",
	"letmeout", "liverpool", "liverpool1", "lkjhgfdsa", "login123",
	"loginlogin", "lollipop", "love1234", "love12345", "lovebug1",
	"lovelove", "lovely12", "loveme12", "loveme123", "lovers12",
	"loveyou1", "loveyou2", "maggie12", "magnolia", "manchester",
	"manutd99", "marina12", "marlboro", "marshall", "master01",
	"master12", "master123", "master1234", "masterkey", "matrix12",
	"matthew1", "matthew1990", "matthew1995", "matthew2000",
	"matthew2010", "maverick", "mercedes", "metallica", "michael1",
	"michael123", "michael1990", "michael1995", "michael2000",
	"michael2010", "michelle", "michelle1", "michigan", "mickey12",
	"midnight", "miguel12", "mike1234", "minecraft", "minecraft1",
	"mitchell", "mnbvcxz1", "monique1", "monkey01", "monkey12",
	"monkey123", "morgan12", "motdepasse", "mountain", "mustang1",
	"mylove12", "mypassword", "naruto12", "naruto123", "nathalie",
	"newpassword", "nicole12", "nintendo", "nirvana1", "nopassword",
	"nothing1", "november", "november1", "october1", "oldpassword",
	"opensesame", "orange12", "overwatch", "p4ssw0rd", "p4ssword",
	"p@55w0rd", "p@ssw0rd", "p@ssword", "p@ssword1", "pa55w0rd",
	"pa55word", "pakistan", "passion1", "passpass", "passpass1",
	"passw0rd", "passw0rd!", "passw0rd1", "password", "password!",
	"password00", "password01", "password1", "password1!", "password11",
	"password12", "password123", "password123!", "password1234",
	"password12345", "password13", "password2", "password2015",
	"password2016", "password2017", "password2018", "password2019",
	"password2020", "password2021", "password2022", "password2023",
	"password2024", "password2025", "password22", "password321",
	"password69", "password7", "password777", "password99", "passwords",
	"passwort", "passwort1", "patricia", "patrick1", "peaches1",
	"pepper12", "phoenix1", "playboy1", "playstation", "poiuytrewq",
	"pokemon1", "pokemon123", "precious", "princesa", "princess",
	"princess1", "princess12", "princess123", "purple12", "q1234567",
	"q12345678", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "q2w3e4r5",
	"qazwsx12", "qazwsx123", "qazwsxedc", "qazwsxedcrfv", "qazxswedc",
	"qwaszx12", "qwe12345", "qwe123qwe", "qweasd123", "qweasdzxc",
	"qweqweqwe", "qwer1234", "qwer4321", "qwerty!!", "qwerty01",
	"qwerty1!", "qwerty11", "qwerty12", "qwerty123", "qwerty123!",
	"qwerty1234", "qwerty1234!", "qwerty12345", "qwerty123456",
	"qwerty321", "qwerty69", "qwertyqwerty", "qwertyu1", "qwertyui",
	"qwertyuiop", "qwertz123", "qwertzui", "qwertzuiop", "rainbow1",
	"rainbow123", "rangers1", "realmadrid", "rebecca1", "richard1",
	"robert12", "robert1990", "robert1995", "robert2000", "robert2010",
	"roblox123", "rockyou1", "root1234", "rootroot", "sabrina1",
	"samantha", "samantha1", "santiago", "scooter1", "scorpion",
	"secret01", "secret12", "secret123", "secret1234", "security",
	"senha123", "september", "september1", "sergey12", "shadow12",
	"shadow123", "shannon1", "silver12", "snoopy12", "soccer12",
	"soccer123", "softball", "something", "sophie12", "spiderman",
	"spiderman1", "spiderman2", "spongebob", "spongebob1", "spring2015",
	"spring2016", "spring2017", "spring2018", "spring2019", "spring2020",
	"spring2021", "spring2022", "spring2023", "spring2024", "spring2025",
	"startrek", "starwars", "starwars1", "steelers", "stella12",
	"stephanie", "summer12", "summer2015", "summer2016", "summer2017",
	"summer2018", "summer2019", "summer2020", "summer2021", "summer2022",
	"summer2023", "summer2024", "summer2025", "sunflower", "sunshine",
	"sunshine1", "sunshine12", "sunshine123", "superman", "superman1",
	"superman123", "superstar", "sweetheart", "sweetie1", "swordfish",
	"taylor12", "teddybear", "tennis12", "test1234", "test12345",
	"test123456", "testing1", "testing123", "testtest", "thepassword",
	"thomas12", "thomas1990", "thomas1995", "thomas2000", "thomas2010",
	"thunder1", "thunder123", "thunderbird", "tiger123", "tigger12",
	"tinkerbell", "titanic1", "toor1234", "toyota12", "trinity1",
	"trustme1", "trustno1", "trustnoone", "unknown1", "user1234",
	"user12345", "vanessa1", "veronica", "victoria", "vikings1",
	"volleyball", "warrior1", "welcome!", "welcome1", "welcome12",
	"welcome123", "welcome2", "welcome2015", "welcome2016", "welcome2017",
	"welcome2018", "welcome2019", "welcome2020", "welcome2021",
	"welcome2022", "welcome2023", "welcome2024", "welcome2025",
	"welcomewelcome", "westside", "whatever", "whatever1", "whitney1",
	"william1", "winston1", "winter2015", "winter2016", "winter2017",
	"winter2018", "winter2019", "winter2020", "winter2021", "winter2022",
	"winter2023", "winter2024", "winter2025", "wolverine", "xbox360!",
	"yamaha12", "yankees1", "yellow12", "z1234567", "zachary1",
	"zaq12wsx", "zaq1zaq1", "zeppelin", "zxc12345", "zxcvbnm1",
	"zxcvbnm12", "zxcvbnm123", "zxcvbnma", "zxcvbnmm", "zxczxczxc",
};

/* strcmp() for bsearch() over an array of strings. */
static int
compare(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/*
 * Whether pw is one of the common passwords, comparing ASCII letters
 * without regard to case (other bytes as they are).  NULL and anything
 * longer than PASSLIST_MAXLEN bytes are not.
 */
bool
passlist_common(const char *pw)
{
	char	 low[PASSLIST_MAXLEN + 1];
	size_t	 i;

	if (pw == NULL)
		return false;
	for (i = 0; pw[i] != '\0'; i++) {
		if (i == PASSLIST_MAXLEN)
			return false;
		low[i] = pw[i] >= 'A' && pw[i] <= 'Z' ? pw[i] - 'A' + 'a' :
		    pw[i];
	}
	low[i] = '\0';
	return bsearch(low, passlist, sizeof(passlist) / sizeof(passlist[0]),
	    sizeof(passlist[0]), compare) != NULL;
}

/* The list itself and its length in *n, for tests. */
const char *const *
passlist_words(size_t *n)
{
	*n = sizeof(passlist) / sizeof(passlist[0]);
	return passlist;
}
